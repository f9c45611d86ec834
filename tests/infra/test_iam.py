"""Each function's role allows exactly the DynamoDB actions its code calls, on exactly its table
or index; only the dispatchers send. The actions are read from the code itself, so a new store
call without a matching IAM change (or a permission no code uses) fails here."""
from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

CHALICELIB = Path(__file__).resolve().parents[2] / "functions" / "chalicelib"
STORE = CHALICELIB / "adapters" / "dynamodb" / "store.py"
STAFF_STORE = CHALICELIB / "adapters" / "dynamodb" / "staff_store.py"  # the workbench's reads and appends
REGISTRATIONS = CHALICELIB / "adapters" / "dynamodb" / "registrations.py"  # extends the request store
REGISTRATION_ITEMS = CHALICELIB / "adapters" / "dynamodb" / "registration_items.py"  # its transaction operations
REMINDER_STORE = CHALICELIB / "adapters" / "dynamodb" / "reminder_store.py"  # the reminder sweep's
FIGURE_STORE = CHALICELIB / "adapters" / "dynamodb" / "figure_store.py"  # the figures' aggregates
FIGURE_UPDATES = CHALICELIB / "service_layer" / "figure_updates.py"  # run by the stream function
KEYS = CHALICELIB / "adapters" / "dynamodb" / "keys.py"  # the index names (`k.DUE_INDEX`)

# boto3 DynamoDB client method → IAM action. A method missing here fails the test on purpose:
# add it, and its permission to the role of the function that calls it.
CLIENT_ACTIONS = {"get_item": "GetItem", "put_item": "PutItem", "update_item": "UpdateItem",
                  "delete_item": "DeleteItem", "query": "Query", "scan": "Scan",
                  "batch_get_item": "BatchGetItem", "batch_write_item": "BatchWriteItem"}
# Operations inside TransactWriteItems are authorised as the single-item actions.
TRANSACT_ACTIONS = {"Put": "PutItem", "Update": "UpdateItem", "Delete": "DeleteItem",
                    "ConditionCheck": "ConditionCheckItem", "Get": "GetItem"}


def _index_constants(tree: ast.Module) -> dict[str, str]:
    return {t.id: n.value.value for n in tree.body if isinstance(n, ast.Assign)
            and isinstance(n.value, ast.Constant) for t in n.targets if isinstance(t, ast.Name)}


def _transact_ops(node: ast.AST) -> set[tuple[str, str]]:
    return {(TRANSACT_ACTIONS[key.value], "table") for n in ast.walk(node) if isinstance(n, ast.Dict)
            for key in n.keys if isinstance(key, ast.Constant) and key.value in TRANSACT_ACTIONS}


def store_actions(path: Path = STORE, name: str = "DynamoRequestStore") -> dict[str, set[tuple[str, str]]]:
    """{store method: {(IAM action, "table" | "index/<name>")}} read from the adapter's source; a
    store that extends the request store inherits its methods and helpers."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    constants = _index_constants(ast.parse(KEYS.read_text(encoding="utf-8")))
    (store,) = [n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == name]
    items = ast.parse(REGISTRATION_ITEMS.read_text(encoding="utf-8"))
    builders = {f.name: _transact_ops(f) for f in items.body if isinstance(f, ast.FunctionDef)}  # moved(), counted()
    out: dict[str, set[tuple[str, str]]] = store_actions() if path != STORE else {}
    helpers: dict[str, set[str]] = {}
    for method in (n for n in store.body if isinstance(n, ast.FunctionDef)):
        found: set[tuple[str, str]] = set()
        for node in ast.walk(method):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and isinstance(node.func.value, ast.Call) \
                    and getattr(node.func.value.func, "attr", None) == "_ddb":
                name = node.func.attr
                if name == "transact_write_items":
                    continue  # authorised per operation: the dict keys below
                assert name in CLIENT_ACTIONS, f"{path.name}: {method.name} calls {name}: map it to IAM"
                index = next((k.value for k in node.keywords if k.arg == "IndexName"), None)
                for target in _targets(index, constants, method):
                    found.add((CLIENT_ACTIONS[name], target))
            if isinstance(node, ast.Dict):
                for key in node.keys:
                    if isinstance(key, ast.Constant) and key.value in TRANSACT_ACTIONS:
                        found.add((TRANSACT_ACTIONS[key.value], "table"))
        found |= set().union(set(), *(builders[n.func.id] for n in ast.walk(method) if isinstance(n, ast.Call)
                                       and isinstance(n.func, ast.Name) and n.func.id in builders))
        out[method.name] = found
        helpers[method.name] = {n.func.attr for n in ast.walk(method) if isinstance(n, ast.Call)
                                and isinstance(n.func, ast.Attribute) and isinstance(n.func.value, ast.Name)
                                and n.func.value.id == "self"}
    for method_name in helpers:  # what a method's own helpers (self._put_new, …) write counts as its own
        out[method_name] |= set().union(set(), *(out.get(h, set()) for h in helpers[method_name]))
    return out


def _targets(index: ast.expr | None, constants: dict[str, str], method: ast.FunctionDef) -> list[str]:
    """The table, or the index(es) a query names: a name bound in the method (`index, … = (k.A, …)
    if … else (k.B, …)`) stands for every index constant the method mentions."""
    if index is None:
        return ["table"]
    if isinstance(index, ast.Name) and index.id not in constants:
        names = {n.attr for n in ast.walk(method) if isinstance(n, ast.Attribute) and n.attr.endswith("_INDEX")}
        return [f"index/{constants[n]}" for n in sorted(names)]
    return [f"index/{_index_name(index, constants)}"]


def _index_name(node: ast.expr, constants: dict[str, str]) -> str:
    if isinstance(node, ast.Attribute):  # k.DUE_INDEX
        return constants[node.attr]
    if isinstance(node, ast.Name):
        return constants[node.id]
    return node.value  # type: ignore[attr-defined]


def called_store_methods(paths: list[Path], store: str = "store") -> set[str]:
    return {m for p in paths for m in re.findall(rf"\b{store}\.(\w+)\(", p.read_text(encoding="utf-8"))}


def role_statements(resources: dict[str, Any], role: str) -> list[dict[str, Any]]:
    props = resources[role]["Properties"]
    statements = [s for p in props.get("Policies", []) for s in p["PolicyDocument"]["Statement"]]
    for ref in props.get("ManagedPolicyArns", []):
        statements += resources[ref["Ref"]]["Properties"]["PolicyDocument"]["Statement"]
    return statements


def _target(resource: Any) -> str:
    if resource == {"Fn::GetAtt": ["RequestsTable", "Arn"]}:
        return "table"
    if isinstance(resource, dict) and "Fn::Sub" in resource:
        match = re.fullmatch(r"\$\{RequestsTable\.Arn\}/(index/\w+)", resource["Fn::Sub"])
        if match:
            return match.group(1)
    return repr(resource)


ITEM_ACTIONS = set(CLIENT_ACTIONS.values()) | set(TRANSACT_ACTIONS.values())


def granted(resources: dict[str, Any], role: str) -> set[tuple[str, str]]:
    """(DynamoDB item-level action, target) pairs the role allows (stream reading excluded)."""
    out = set()
    for s in role_statements(resources, role):
        actions = s["Action"] if isinstance(s["Action"], list) else [s["Action"]]
        targets = s["Resource"] if isinstance(s["Resource"], list) else [s["Resource"]]
        for action in actions:
            if action.startswith("dynamodb:") and action.removeprefix("dynamodb:") in ITEM_ACTIONS:
                out |= {(action.removeprefix("dynamodb:"), _target(t)) for t in targets}
    return out


def all_actions(resources: dict[str, Any], role: str) -> set[str]:
    return {a for s in role_statements(resources, role)
            for a in (s["Action"] if isinstance(s["Action"], list) else [s["Action"]])}


def needed(methods: set[str], actions: dict[str, set[tuple[str, str]]] | None = None) -> set[tuple[str, str]]:
    actions = actions or store_actions()
    unknown = methods - set(actions)
    assert not unknown, f"not methods of DynamoRequestStore: {unknown}"
    return set().union(*(actions[m] for m in methods))


def test_the_api_role_allows_exactly_what_the_request_path_calls(packaged):
    layer = CHALICELIB / "service_layer"
    request_path = [p for p in layer.glob("*.py") if p.name not in ("dispatch.py", "reminders.py")]
    request_path.append(CHALICELIB.parent / "app.py")
    methods = called_store_methods(request_path)
    assert "add" in methods  # the submission's transaction, at least
    registering = called_store_methods(request_path, "registrations")
    assert {"place", "cancel", "seat_counts", "registrations", "record_check_in"} <= registering
    by_registrations = needed(registering, store_actions(REGISTRATIONS, "DynamoRegistrationStore"))
    staff = called_store_methods(request_path, "staff_store")
    assert {"queue", "add_audit", "revoked"} <= staff  # the workbench's reads and appends
    by_staff = needed(staff, store_actions(STAFF_STORE, "DynamoStaffStore"))
    reading = called_store_methods(request_path, "figures")
    assert {"slice_items", "slices_of"} <= reading  # the dashboard's and the public page's reads
    by_figures = needed(reading, store_actions(FIGURE_STORE, "DynamoFigureStore"))
    assert granted(packaged.resources, "ApiFunctionRole") == needed(methods) | by_registrations | by_staff | by_figures
    # The API never sends: notifications go through the outbox (no SES, no SNS).
    assert not {a for a in all_actions(packaged.resources, "ApiFunctionRole") if a.split(":")[0] in ("ses", "sns")}


def test_the_dispatcher_roles_allow_exactly_what_the_dispatcher_calls(packaged):
    methods = called_store_methods([CHALICELIB / "service_layer" / "dispatch.py"])
    assert {"due_messages", "claim_message"} <= methods
    # The scheduled one also runs the reminder sweep first.
    sweep = CHALICELIB / "service_layer" / "reminders.py"
    reminding = called_store_methods([sweep], "reminders")
    assert {"deadlines", "follow_ups", "sent", "record"} <= reminding
    by_sweep = needed(called_store_methods([sweep])) | needed(reminding, store_actions(REMINDER_STORE,
                                                                                      "DynamoReminderStore"))
    assert ("Query", "index/gsi2") in by_sweep and ("BatchGetItem", "table") in by_sweep
    # The stream one also keeps the figures' aggregates (app.py's _recount: figure_updates.refresh).
    counting = called_store_methods([FIGURE_UPDATES], "figures")
    assert {"marker", "apply"} <= counting
    by_figures = needed(called_store_methods([FIGURE_UPDATES])) | needed(
        counting, store_actions(FIGURE_STORE, "DynamoFigureStore"))
    assert ("GetItem", "table") in by_figures and ("UpdateItem", "table") in by_figures
    assert granted(packaged.resources, "StreamDispatcherRole") == needed(methods) | by_figures
    assert granted(packaged.resources, "ScheduledDispatcherRole") == needed(methods) | by_sweep
    for role in ("StreamDispatcherRole", "ScheduledDispatcherRole"):
        assert {"ses:SendEmail", "sns:Publish"} <= all_actions(packaged.resources, role)
    stream_only = {"dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator",
                   "dynamodb:ListStreams", "sqs:SendMessage"}
    assert stream_only <= all_actions(packaged.resources, "StreamDispatcherRole")
    assert not stream_only & all_actions(packaged.resources, "ScheduledDispatcherRole")


def test_email_is_allowed_only_from_the_sender_identity_and_configuration_set(packaged):
    (email,) = [s for s in role_statements(packaged.resources, "StreamDispatcherRole") if s["Action"] == "ses:SendEmail"]
    text = repr(email["Resource"])
    assert "identity/${Domain}" in text and "configuration-set/${EmailConfigurationSet}" in text
    assert "*" not in text.replace("${", "").replace("AWS::", "")


def test_only_unscopable_actions_use_a_wildcard_resource(packaged):
    # The three actions AWS offers no resource ARN for; everything else names its resource.
    allowed_wildcards = {"sns:Publish", "dynamodb:ListStreams", "sns:SetSMSAttributes"}
    for logical_id, resource in packaged.resources.items():
        if resource["Type"] != "AWS::IAM::Role":
            continue
        for s in role_statements(packaged.resources, logical_id):
            if s.get("Resource") == "*":
                actions = s["Action"] if isinstance(s["Action"], list) else [s["Action"]]
                assert set(actions) <= allowed_wildcards, (logical_id, actions)
