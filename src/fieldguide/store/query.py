"""The search query language: a small recursive-descent parser to an AST, rendered for
SQLite FTS5 (MATCH) and PostgreSQL (to_tsquery).

Syntax: words, "quoted phrases", AND / OR / NOT (upper case; ``-word`` is NOT word),
``prefix*``, parentheses; juxtaposition means AND. A word with inner punctuation
(``Hwasongpho-19``, ``Kim Jong-un``) is searched as a phrase of its parts, because
both indexes split it there. Grammar::

    query   := or EOF
    or      := and ("OR" and)*
    and     := unary (["AND"] unary)*
    unary   := "NOT" unary | "-" primary | primary
    primary := "(" or ")" | PHRASE | WORD ["*"]

NOT only subtracts: every query and every OR branch needs a positive term
(``a -b`` is fine, ``-b`` alone or ``a OR -b`` is a QueryError).

A query's cost grows faster than its size (400 ORs took 10 s on a thousand documents, 2,000
took minutes, and 247 nested parentheses overflowed Python's stack), so its size is bounded:
at most MAX_LENGTH characters, MAX_TERMS words (the parts of phrases count, repeated words
are searched once), MAX_OPERATORS operators and MAX_DEPTH nested parentheses. Beyond them a
query is a QueryTooLargeError; the limits are far above what a question to an archive needs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fieldguide.errors import QueryError, QueryTooLargeError

MAX_LENGTH = 1000
MAX_TERMS = 64
MAX_OPERATORS = 128
MAX_DEPTH = 8

_PIECE = re.compile(r"\w+")
_OPERATORS = {"AND", "OR", "NOT"}


@dataclass(frozen=True, slots=True)
class Term:
    """A word, or the parts of a punctuated word searched as adjacent words."""

    parts: tuple[str, ...]
    prefix: bool = False


@dataclass(frozen=True, slots=True)
class Phrase:
    parts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class And:
    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Not:
    item: Node


Node = Term | Phrase | And | Or | Not


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # WORD, PHRASE, LPAREN, RPAREN, AND, OR, NOT, MINUS
    text: str
    pos: int
    prefix: bool = False


def _tokenize(query: str) -> list[_Token]:
    tokens: list[_Token] = []
    i, n = 0, len(query)
    while i < n:
        c = query[i]
        if c.isspace():
            i += 1
        elif c in "()":
            tokens.append(_Token("LPAREN" if c == "(" else "RPAREN", c, i))
            i += 1
        elif c == '"':
            end = query.find('"', i + 1)
            if end < 0:
                raise QueryError(f"unbalanced quotes: the quote at position {i + 1} is never closed")
            prefix = end + 1 < n and query[end + 1] == "*"
            tokens.append(_Token("PHRASE", query[i + 1 : end], i, prefix))
            i = end + (2 if prefix else 1)
        elif c == "-" and (i + 1 >= n or query[i + 1].isspace() or query[i + 1] == ")"):
            raise QueryError(f"'-' at position {i + 1} needs a term right after it (write -word)")
        elif c == "-":
            tokens.append(_Token("MINUS", c, i))
            i += 1
        else:
            start = i
            while i < n and not query[i].isspace() and query[i] not in '()"':
                i += 1
            word = query[start:i]
            if word in _OPERATORS:
                tokens.append(_Token(word, word, start))
            elif not _PIECE.search(word):
                continue  # lone punctuation ("+", "&") searches for nothing: leave it out
            else:
                prefix = word.endswith("*")
                tokens.append(_Token("WORD", word.rstrip("*"), start, prefix))
    return tokens


class _Parser:
    def __init__(self, query: str) -> None:
        self.tokens = _tokenize(query)
        self.i = 0
        self.depth = 0  # parentheses open here; bounded, as the parser recurses at each
        operators = sum(token.kind in ("AND", "OR", "NOT", "MINUS") for token in self.tokens)
        if operators > MAX_OPERATORS:
            raise QueryTooLargeError(f"a query may have at most {MAX_OPERATORS} operators (this one has {operators})")

    def peek(self) -> _Token | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def parse(self) -> Node:
        if not self.tokens:
            raise QueryError("empty query: give at least one word to search for")
        node = self.or_()
        token = self.peek()
        if token is not None:  # only a stray ")" can stop the parse early
            raise QueryError(f"unbalanced parentheses: ')' at position {token.pos + 1} has no '('")
        return node

    def or_(self) -> Node:
        items = [self.and_()]
        while (token := self.peek()) is not None and token.kind == "OR":
            self.take()
            self._need_operand(token)
            items.append(self.and_())
        items = list(dict.fromkeys(items))  # "a OR a" searches a once
        return items[0] if len(items) == 1 else Or(tuple(items))

    def and_(self) -> Node:
        items = [self.unary()]
        while (token := self.peek()) is not None and token.kind not in ("OR", "RPAREN"):
            if token.kind == "AND":
                self.take()
                self._need_operand(token)
            items.append(self.unary())
        items = list(dict.fromkeys(items))  # "kim kim kim" searches kim once
        return items[0] if len(items) == 1 else And(tuple(items))

    def unary(self) -> Node:
        token = self.peek()
        if token is None:
            raise QueryError("the query ends where a term was expected")
        if token.kind in ("AND", "OR"):
            raise QueryError(f"'{token.text}' at position {token.pos + 1} needs a term before it")
        if token.kind == "NOT":
            self.take()
            self._need_operand(token)
            return Not(self.unary())
        if token.kind == "MINUS":
            self.take()
            return Not(self.primary())
        return self.primary()

    def primary(self) -> Node:
        if self.peek() is None:
            raise QueryError("the query ends where a term was expected")
        token = self.take()
        if token.kind == "LPAREN":
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise QueryTooLargeError(f"parentheses may not be nested more than {MAX_DEPTH} deep")
            inner = self.peek()
            if inner is None:
                raise QueryError(f"unbalanced parentheses: '(' at position {token.pos + 1} is never closed")
            if inner.kind == "RPAREN":
                raise QueryError(f"empty parentheses at position {token.pos + 1}")
            node = self.or_()
            close = self.peek()
            if close is None or close.kind != "RPAREN":
                raise QueryError(f"unbalanced parentheses: '(' at position {token.pos + 1} is never closed")
            self.take()
            self.depth -= 1
            return node
        if token.kind == "RPAREN":
            raise QueryError(f"unbalanced parentheses: ')' at position {token.pos + 1} has no '('")
        parts = tuple(p.lower() for p in _PIECE.findall(token.text))
        if not parts:
            what = "phrase" if token.kind == "PHRASE" else "term"
            raise QueryError(f"the {what} at position {token.pos + 1} has no letters or digits to search")
        if token.kind == "PHRASE" and not token.prefix:
            return Phrase(parts)
        return Term(parts, token.prefix)

    def _need_operand(self, operator: _Token) -> None:
        following = self.peek()
        if following is None or following.kind in ("OR", "AND", "RPAREN"):
            raise QueryError(f"'{operator.text}' at position {operator.pos + 1} needs a term after it")


def _is_positive(node: Node) -> bool:
    if isinstance(node, Not):
        return False
    if isinstance(node, And):
        return any(_is_positive(item) for item in node.items)
    if isinstance(node, Or):
        return all(_is_positive(item) for item in node.items)
    return True


def _check(node: Node) -> None:
    if isinstance(node, Or):
        for item in node.items:
            if not _is_positive(item):
                raise QueryError("NOT only excludes: each side of OR needs a word to find (write 'a -b')")
    if isinstance(node, And | Or):
        for item in node.items:
            _check(item)
    if isinstance(node, Not):
        if isinstance(node.item, Not):
            raise QueryError("NOT NOT cancels out: remove both")
        _check(node.item)


def _words(node: Node) -> int:
    if isinstance(node, Term | Phrase):
        return len(node.parts)
    if isinstance(node, Not):
        return _words(node.item)
    return sum(_words(item) for item in node.items)


def parse(query: str) -> Node:
    """The AST of ``query``; QueryError with a one-line explanation when it is malformed or
    QueryTooLargeError when it is past the bounds above."""
    if len(query) > MAX_LENGTH:
        raise QueryTooLargeError(f"a query may be at most {MAX_LENGTH} characters (this one has {len(query):,})")
    node = _Parser(query).parse()
    words = _words(node)
    if words > MAX_TERMS:
        raise QueryTooLargeError(f"a query may search at most {MAX_TERMS} terms (this one has {words})")
    _check(node)
    if not _is_positive(node):
        raise QueryError("NOT only excludes: the query needs at least one word to find")
    return node


# --- SQLite FTS5 -------------------------------------------------------------------------


def to_fts5(node: Node) -> str:
    """FTS5 MATCH syntax. Every term is quoted, so no user text is read as FTS5 syntax."""
    if isinstance(node, Term):
        return f'"{" ".join(node.parts)}"' + ("*" if node.prefix else "")
    if isinstance(node, Phrase):
        return f'"{" ".join(node.parts)}"'
    if isinstance(node, Or):
        return "(" + " OR ".join(to_fts5(item) for item in node.items) + ")"
    if isinstance(node, And):
        positives = [to_fts5(item) for item in node.items if not isinstance(item, Not)]
        negatives = [to_fts5(item.item) for item in node.items if isinstance(item, Not)]
        # FTS5's NOT is binary (a NOT b): the exclusions follow the conjunction as one OR,
        # not one NOT each, which would nest as deep as there are exclusions.
        out = "(" + " AND ".join(positives) + ")"
        if len(negatives) == 1:
            return f"({out} NOT {negatives[0]})"
        if negatives:
            return f"({out} NOT ({' OR '.join(negatives)}))"
        return out
    raise QueryError("NOT only excludes: the query needs at least one word to find")


# --- PostgreSQL tsquery ------------------------------------------------------------------


def to_tsquery(node: Node) -> str:
    """Text for ``to_tsquery('english', ...)``: phrases with <->, prefixes with :*."""
    if isinstance(node, Term | Phrase):
        lexemes = [f"'{part}'" for part in node.parts]
        if isinstance(node, Term) and node.prefix:
            lexemes[-1] += ":*"
        return "(" + " <-> ".join(lexemes) + ")"
    if isinstance(node, Or):
        return "(" + " | ".join(to_tsquery(item) for item in node.items) + ")"
    if isinstance(node, And):
        return "(" + " & ".join(to_tsquery(item) for item in node.items) + ")"
    return "!" + to_tsquery(node.item)
