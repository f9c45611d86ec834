"""MkDocs hook: a page per training session (trainings/<id>/: its details, seats left and the
registration form) and the participant's page of a registration (trainings/registration/, the
manage link's target), in both languages, generated from the editors' trainings file."""
from __future__ import annotations

from chalicelib.catalog.trainings import KINDS, load_trainings, when
from mkdocs.structure.files import File, Files

MANAGE = {"zh": ("我的培训报名", "查看培训报名、签到码，或取消报名。"),
          "en": ("My training registration", "See your training registration and its check-in code, or cancel it.")}


def on_files(files: Files, config) -> Files:
    lang = config["extra"]["portal_lang"]
    load_trainings.cache_clear()  # `make preview` rebuilds in one process: re-read an edited file
    for t in load_trainings():
        description = f"{KINDS[t.kind][lang]} · {when(t, lang)}"
        files.append(File.generated(config, f"trainings/{t.id}.md", content=(
            f'---\ntitle: "{t.title[lang]}"\ndescription: "{description}"\n---\n\n'
            f"# {t.title[lang]}\n\n<!-- portal:training {t.id} -->\n")))
    title, description = MANAGE[lang]
    files.append(File.generated(config, "trainings/registration.md", content=(
        f'---\ntitle: "{title}"\ndescription: "{description}"\nsearch:\n  exclude: true\n---\n\n'
        f"# {title}\n\n<!-- portal:training-registration -->\n")))
    return files
