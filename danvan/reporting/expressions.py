"""Small arithmetic over element codes, for validation rules and indicators.

``trained``, ``resolved / received``, ``(a + b) * 2``: names are element codes, numbers are
decimals; only + − × ÷ and parentheses. Parsed with :mod:`ast` and walked, never ``eval``-ed.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from decimal import Decimal, DivisionByZero, InvalidOperation

from django.utils.translation import gettext as _

from danvan.core.errors import UserError


class MissingValue(Exception):
    """An operand has no value: the rule or indicator cannot be computed."""


_OPS = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b,
}


def parse(expression: str) -> ast.expr:
    try:
        tree = ast.parse(expression.strip(), mode="eval").body
    except SyntaxError:
        raise UserError(
            _("The expression «%(expression)s» is not valid.") % {"expression": expression}
        ) from None
    for node in ast.walk(tree):
        allowed = (ast.BinOp, ast.UnaryOp, ast.Name, ast.Constant, ast.Load, ast.USub, ast.UAdd)
        if not isinstance(node, allowed + tuple(_OPS)) or (
            isinstance(node, ast.Constant) and not isinstance(node.value, int | float)
        ):
            raise UserError(
                _(
                    "The expression «%(expression)s» may use only indicator codes, numbers "
                    "and + - * /."
                )
                % {"expression": expression}
            )
    return tree


def names(expression: str) -> set[str]:
    return {n.id for n in ast.walk(parse(expression)) if isinstance(n, ast.Name)}


def evaluate(expression: str, values: Mapping[str, Decimal | None]) -> Decimal:
    """The value of ``expression``; raises :class:`MissingValue` when an operand is empty."""

    def walk(node: ast.expr) -> Decimal:
        if isinstance(node, ast.Constant):
            return Decimal(str(node.value))
        if isinstance(node, ast.Name):
            value = values.get(node.id)
            if value is None:
                raise MissingValue(node.id)
            return Decimal(value)
        if isinstance(node, ast.UnaryOp):
            operand = walk(node.operand)
            return -operand if isinstance(node.op, ast.USub) else operand
        if isinstance(node, ast.BinOp):
            op = _OPS[type(node.op)]
            try:
                return op(walk(node.left), walk(node.right))
            except (DivisionByZero, InvalidOperation, ZeroDivisionError):
                raise MissingValue("/0") from None
        raise MissingValue(ast.dump(node))

    return walk(parse(expression))
