"""Messages that services raise to people go through gettext (English msgid, Vietnamese
translation in the app's catalogue), never as a literal Vietnamese string.

``LEFT`` records how many literal messages a module may still hold, and may only go down: a new
literal fails, and a module brought into line must be lowered here. It is empty: no module may
hold one.
"""

from __future__ import annotations

import ast
import inspect

from danvan.core.tests.test_service_contract import _service_modules

RAISED = {"UserError", "Conflict", "StaleVersion", "PermissionDenied", "ValuesInvalid"}
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


def literal_messages(source: str) -> int:
    count = 0
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = getattr(node.func, "id", getattr(node.func, "attr", ""))
        if name in RAISED and _is_vietnamese_literal(node.args[0]):
            count += 1
    return count


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
