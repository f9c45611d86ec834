"""The one catalog of stages, departments, services and windows (data in content/catalog/),
and the training calendar's events (content/data/trainings.yml: catalog.trainings)."""
from .loader import CatalogError, catalog_dir, load_catalog
from .models import Catalog, Department, Service, Stage, Window

__all__ = ["Catalog", "CatalogError", "Department", "Service", "Stage", "Window",
           "catalog_dir", "load_catalog"]
