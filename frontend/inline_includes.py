"""A Jinja2 extension that draws a fixed ``{% include "name.html" %}`` in place.

Each include makes a new template context: Jinja2 copies the including template's
variables into a new dict and builds a Context around them (jinja2.runtime.new_context).
A character count's field has four includes (label, label text, hint, error message);
on a journal section of five questions the includes were forty contexts a page, about a
sixth of drawing its fields (docs/adr/0082).

`InlineIncludes` replaces such an include, while the template is compiled, with the
tokens of the included template, which the lexer made from that template's own source:
its whitespace control and trailing newline act within it, as they do when it is
included, so the HTML is the same byte for byte. It only does this for the plain form,
a template name as a string and nothing after it, and only where drawing in place means
the same as including:

- an included template that sets, imports or defines anything (``set``, ``macro``,
  ``import``, ``from``, ``block``, ``extends``, ``call``) is left included, as its names
  would otherwise reach the template around it;
- an included template that reads ``loop`` outside its own for loops, or ``caller``,
  ``varargs``, ``kwargs``, ``self`` or ``super``, is left included: an include does
  not pass these on, and in place it would see the ones around it;
- an include after an ``{% autoescape %}`` tag in the including template is left
  included: an included template escapes by the environment's rule, and in place it
  would follow the block's;
- a name that cannot be loaded is left included, to fail when it is drawn, as before;
- an environment that reloads changed templates (``auto_reload``, DEBUG) inlines
  nothing, so an edit to an included file shows at once, with its own line numbers in
  a traceback.

Drawn in place, the included template sees what an include sees: the including
template's variables and the loop variables around the include. Its errors name the
including template's file, and a mistake in its syntax stops the including template
compiling, even where the include would never have been drawn. Only this extension's
stream filter is applied to the included tokens (Trellis's environments have no other
extension).
"""

from jinja2 import Environment, nodes
from jinja2.exceptions import TemplateNotFound
from jinja2.ext import Extension
from jinja2.lexer import TOKEN_BLOCK_BEGIN, TOKEN_BLOCK_END, TOKEN_NAME, TOKEN_STRING

# Tags whose names or blocks would escape into the including template if drawn in place.
_KEEP_INCLUDED = frozenset({"set", "macro", "import", "from", "block", "extends", "call"})
# Names an include does not pass on (a loop's `loop`; a macro's own): drawn in place, the
# included template would see the ones around it.
# `self` and `super` name the template itself and its parent block: in place, the
# including template's.
_NOT_PASSED = frozenset({"loop", "caller", "varargs", "kwargs", "self", "super"})
# What the lexer and parser read a template's source by: the environment's own, to parse
# an included template as the environment would.
_SYNTAX_OPTIONS = (
    "block_start_string", "block_end_string", "variable_start_string",
    "variable_end_string", "comment_start_string", "comment_end_string",
    "line_statement_prefix", "line_comment_prefix", "trim_blocks", "lstrip_blocks",
    "newline_sequence", "keep_trailing_newline",
)  # fmt: skip


class InlineIncludes(Extension):
    """Compiles ``{% include "constant.html" %}`` as the included template's own tokens
    (see the module's docstring for when it does not)."""

    def filter_stream(self, stream):
        """In: a jinja2.lexer.TokenStream; out: an iterator of its tokens, each plain
        include of a template that can be drawn in place replaced by that template's
        tokens (and its own includes', in turn)."""
        if self.environment.auto_reload:
            yield from stream
            return
        yield from self._inlined(stream, ())

    def _inlined(self, tokens, seen):
        pending = []  # a block's tokens until it is known whether it is a plain include
        escaping_set = False  # an {% autoescape %} block seen: includes after it stay
        for token in tokens:
            if pending or token.type == TOKEN_BLOCK_BEGIN:
                pending.append(token)
                if len(pending) == 2 and token.value == "autoescape":
                    # An include escapes by the environment's rule; in place, the block's.
                    escaping_set = True
                done = False if escaping_set else self._plain_include(pending)
                if done is None:
                    continue  # not yet known
                if done is False:
                    yield from pending
                else:
                    yield from self._included(done, pending, seen)
                pending = []
                continue
            yield token
        yield from pending

    @staticmethod
    def _plain_include(pending):
        """None while `pending` may still be a plain include; False when it is not; the
        template's name when it is one, whole."""
        kinds = [(t.type, t.value) for t in pending]
        shape = [TOKEN_BLOCK_BEGIN, TOKEN_NAME, TOKEN_STRING, TOKEN_BLOCK_END]
        for at, (kind, value) in enumerate(kinds):
            if kind != shape[at] or (at == 1 and value != "include"):
                return False
        return kinds[2][1] if len(kinds) == len(shape) else None

    def _included(self, name, pending, seen):
        if name in seen:  # a template including itself: left to fail as it would
            return pending
        try:
            source, filename, _ = self.environment.loader.get_source(self.environment, name)
        except TemplateNotFound:
            return pending
        tokens = list(self.environment.lexer.tokenize(source, name, filename))
        for before, token in zip(tokens, tokens[1:], strict=False):
            if before.type == TOKEN_BLOCK_BEGIN and token.value in _KEEP_INCLUDED:
                return pending
        if _reads_what_is_not_passed(self._syntax().parse(source)):
            return pending
        return list(self._inlined(tokens, (*seen, name)))

    def _syntax(self):
        """An environment that parses as this one does, without this extension (which
        would draw its includes in place, and itself again if it includes itself), to
        see what an included template reads."""
        syntax = getattr(self, "_parser", None)
        if syntax is None:
            options = {option: getattr(self.environment, option) for option in _SYNTAX_OPTIONS}
            syntax = self._parser = Environment(**options)
        return syntax


def _reads_what_is_not_passed(node, in_loop=False):
    """Whether the template `node` (a jinja2.nodes.Node) reads a name of _NOT_PASSED
    other than a ``loop`` inside its own for loop's body."""
    if isinstance(node, nodes.Name) and node.name in _NOT_PASSED:
        return not (node.name == "loop" and in_loop)
    if isinstance(node, nodes.For):
        inside = [*node.body]
        outside = [node.target, node.iter, *node.else_, *([node.test] if node.test else [])]
        return any(_reads_what_is_not_passed(n, True) for n in inside) or any(
            _reads_what_is_not_passed(n, in_loop) for n in outside
        )
    return any(_reads_what_is_not_passed(n, in_loop) for n in node.iter_child_nodes())
