"""`pyscript.web`: the page's DOM as Python objects, one typed class per HTML element.

The classes are native (see the `pyscript-web` crate in `web/`); this facade adds `grid` and the media
helpers, which read best in Python."""

import _pyscript_web
from _pyscript_web import *  # noqa: F403  (Element, page, div, input_, ... every element class)

# PyScript 0.7's helpers, which pages and PyScript's own tests call.
from _pyscript_web import _find_and_wrap, _find_by_id, _wrap_if_not_none  # noqa: F401

page = _pyscript_web.page
Element = _pyscript_web.Element
ElementCollection = _pyscript_web.ElementCollection


class grid(_pyscript_web.grid):
    """A `div` laid out as a CSS grid: `grid("1fr 2fr", [a, b], gap="1em")`."""

    def __init__(self, layout, content=None, gap=None, **kwargs):
        super().__init__(*(content or ()), **kwargs)
        self.style["display"] = "grid"
        self.style["grid-template-columns"] = layout
        if gap is not None:
            self.style["gap"] = gap


def _canvas_download(self, filename="snapped.png"):
    """Saves the canvas as a PNG file."""
    link = _pyscript_web.a(download=filename, href=self._dom_element.toDataURL("image/png"))
    link._dom_element.click()


def _canvas_draw(self, what, width=None, height=None):
    """Draws an image, video or canvas (element or DOM node) at the canvas' origin."""
    source = getattr(what, "_dom_element", what)
    context = self._dom_element.getContext("2d")
    if width is None and height is None:
        context.drawImage(source, 0, 0)
    else:
        context.drawImage(source, 0, 0, width, height)


def _canvas_target(to):
    if to is None:
        return _pyscript_web.canvas()
    if isinstance(to, str):
        found = page.find(to)
        if not found:
            raise TypeError(f"snap(to={to!r}): no element matches that selector")
        to = found[0]
    if not isinstance(to, Element):
        to = Element(dom_element=to)
    if to.get_tag_name() != "canvas":
        raise TypeError(f"snap() draws into a <canvas>, not a <{to.get_tag_name()}>")
    return to


def _video_snap(self, to=None, width=None, height=None):
    """Draws the current frame into a canvas (a new one when `to` is None) and returns it."""
    width = self._dom_element.videoWidth if width is None else width
    height = self._dom_element.videoHeight if height is None else height
    target = _canvas_target(to)
    target.width = width
    target.height = height
    target.draw(self, width, height)
    return target


_pyscript_web.canvas.download = _canvas_download
_pyscript_web.canvas.draw = _canvas_draw
_pyscript_web.video.snap = _video_snap

__all__ = [name for name in dir(_pyscript_web) if not name.startswith("_")] + ["grid"]
