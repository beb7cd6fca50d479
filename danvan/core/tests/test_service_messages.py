"""Messages that services raise to people go through gettext (English msgid, Vietnamese
translation in the app's catalogue), never as a literal Vietnamese string; so do the refusals
of the API modules (``HttpError``, the ``_NO_PERMISSION`` constants) and the errors and output
of the management commands, which an English session or an English terminal would otherwise
read in Vietnamese.

``LEFT`` records how many literal messages a module may still hold, and may only go down: a new
literal fails, and a module brought into line must be lowered here. It is empty: no module may
hold one.
"""

from __future__ import annotations

import ast
import inspect
from collections.abc import Iterator
from pathlib import Path

from danvan.core.tests.test_service_contract import _service_modules

RAISED = {"UserError", "Conflict", "StaleVersion", "PermissionDenied", "ValuesInvalid"}
# Beyond services: ninja's HttpError (status first, message second), Django's CommandError, and
# what a command writes to its terminal.
API_RAISED = RAISED | {"HttpError"}
COMMAND_CALLS = RAISED | {"CommandError", "write"}
PACKAGE = Path(__file__).resolve().parents[2]
VIETNAMESE = set("ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùýĐ")

#: Literal Vietnamese messages left per module. Every module is in line now; the mechanism stays
#: so that a module merged with literal messages has to be listed here, visibly, to pass.
LEFT: dict[str, int] = {}


def _is_vietnamese_literal(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(VIETNAMESE & set(node.value))
    if isinstance(node, ast.JoinedStr):
        return any(_is_vietnamese_literal(v) for v in node.values)
    if isinstance(node, ast.BinOp):  # "…" + "…", "…" % (…)
        return _is_vietnamese_literal(node.left)
    return False


def _constants(tree: ast.Module) -> dict[str, ast.expr]:
    """Module-level ``NAME = "…"``: a message kept in a constant (``_NO_PERMISSION``)."""
    found: dict[str, ast.expr] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name):
                found[target.id] = node.value
    return found


def literal_messages(source: str, calls: set[str] = RAISED) -> int:
    """Calls to one of ``calls`` with a literal Vietnamese message among their arguments
    (``HttpError(400, "…")`` carries it second), or a module constant holding one."""
    tree = ast.parse(source)
    constants = _constants(tree)
    count = 0
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", getattr(node.func, "attr", ""))
        if name not in calls:
            continue
        arguments = [*node.args, *(k.value for k in node.keywords)]
        for argument in arguments:
            if (  # str(_NO_PERMISSION): the lazy constant made a str for the call
                isinstance(argument, ast.Call)
                and getattr(argument.func, "id", "") == "str"
                and len(argument.args) == 1
            ):
                argument = argument.args[0]
            if isinstance(argument, ast.Name) and argument.id in constants:
                argument = constants[argument.id]
            if _is_vietnamese_literal(argument):
                count += 1
                break
    return count


def api_modules(root: Path = PACKAGE) -> Iterator[Path]:
    """danvan/api.py, every app's api.py / api_*.py and api/ package."""
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).parts
        if "tests" in parts or "migrations" in parts:
            continue
        if path.stem == "api" or path.stem.startswith("api_") or "api" in parts[:-1]:
            yield path


def command_modules(root: Path = PACKAGE) -> Iterator[Path]:
    yield from sorted(root.glob("*/management/commands/*.py"))
    yield root / "cli.py"


def literals_outside_services(root: Path = PACKAGE) -> dict[str, int]:
    found = {}
    for paths, calls in ((api_modules(root), API_RAISED), (command_modules(root), COMMAND_CALLS)):
        for path in paths:
            n = literal_messages(path.read_text(encoding="utf-8"), calls)
            if n:
                found[str(path.relative_to(root.parent))] = n
    return found


def test_literal_messages_only_go_down() -> None:
    found = {}
    for module in _service_modules():
        n = literal_messages(inspect.getsource(module))
        if n:
            found[module.__name__] = n
    over = {m: (n, LEFT.get(m, 0)) for m, n in found.items() if n > LEFT.get(m, 0)}
    assert not over, f"literal Vietnamese messages (found, allowed): {over}"


def test_the_count_sees_literals_and_spares_gettext() -> None:
    source = (
        'raise UserError("Thiếu hạn hoàn thành.")\n'
        'raise UserError(f"Đơn vị «{x}» không hợp lệ.")\n'
        'raise UserError(_("The due date is missing."))\n'
        'raise UserError(_("Missing: %(what)s.") % {"what": label})\n'
    )
    assert literal_messages(source) == 2


def test_api_refusals_and_command_messages_are_not_literal_vietnamese() -> None:
    assert literals_outside_services() == {}


def test_the_walk_sees_the_api_and_command_modules() -> None:
    apis = {str(p.relative_to(PACKAGE)) for p in api_modules()}
    commands = {str(p.relative_to(PACKAGE)) for p in command_modules()}
    assert {"api.py", "dialogues/api.py", "participation/api/boards.py"} <= apis
    assert {"plans/api_edit.py", "petitions/casework/api.py"} <= apis
    assert {"accounts/management/commands/tokens.py", "cli.py"} <= commands


def test_the_count_sees_api_and_command_literals() -> None:
    source = (
        '_NO_PERMISSION = "Bạn không có quyền ghi đối thoại."\n'
        '_OTHER = gettext_lazy("You may not record dialogues.")\n'
        'raise HttpError(400, "Thôn, tổ dân phố không thuộc xã này.")\n'
        "raise HttpError(403, str(_NO_PERMISSION))\n"
        "raise HttpError(403, _OTHER)\n"
        'raise HttpError(400, _("The village is missing."))\n'
        'raise CommandError(f"Không tìm thấy tệp «{name}».")\n'
        'raise CommandError(_("The file «%(name)s» was not found.") % {"name": name})\n'
        'self.stdout.write(f"Đã khôi phục từ {source}.")\n'
        'self.stdout.write(_("Restored from %(file)s.") % {"file": source})\n'
    )
    assert literal_messages(source, API_RAISED) == 2
    assert literal_messages(source, COMMAND_CALLS) == 2
