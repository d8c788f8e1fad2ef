"""`pyscript.media`: the page's cameras, microphones and speakers (PyScript 0.7's API).

`list_devices()` lists them as `Device`s; `Device.request_stream(audio=, video=)` asks the
browser for a `MediaStream` (a permission prompt the first time), which a `<video>` or
`<audio>` element plays through its `srcObject`."""

from pyscript import window
from pyscript.ffi import to_js


def _media_devices():
    devices = getattr(window.navigator, "mediaDevices", None)
    if devices is None:
        # Browsers give `navigator.mediaDevices` to secure pages only (https or localhost).
        raise RuntimeError("pyscript.media needs navigator.mediaDevices, which this page does not have (not a secure context?)")
    return devices


def _constraint(name, value):
    if isinstance(value, (bool, dict)):
        return value
    raise TypeError(f"request_stream(): {name}= takes a bool or a dict of constraints, not {type(value).__name__}")


class Device:
    """One media device, as the browser describes it (a `MediaDeviceInfo`)."""

    def __init__(self, device):
        self._device_info = device

    @property
    def id(self):
        """The device's id, stable for this origin until the user clears its data."""
        return self._device_info.deviceId

    @property
    def group(self):
        """The id shared by the devices of one piece of hardware (a camera and its microphone)."""
        return self._device_info.groupId

    @property
    def kind(self):
        """`"videoinput"`, `"audioinput"` or `"audiooutput"`."""
        return self._device_info.kind

    @property
    def label(self):
        """A readable name ("Built-in Microphone"); empty until the page has permission."""
        return self._device_info.label

    def __getitem__(self, key):
        # `device["id"]`, for code that reads devices the way JavaScript does.
        if key not in ("id", "group", "kind", "label"):
            raise KeyError(key)
        return getattr(self, key)

    def __repr__(self):
        return f"<Device {self.kind} {self.label!r}>"

    @classmethod
    async def request_stream(cls, audio=False, video=True):
        """A `MediaStream` of the default (or constrained) devices: `audio` and `video` are
        each a bool or a dict of `MediaTrackConstraints` (`{"width": 640}`)."""
        options = {"audio": _constraint("audio", audio), "video": _constraint("video", video)}
        return await _media_devices().getUserMedia(to_js(options))

    @classmethod
    async def load(cls, audio=False, video=True):
        """The former name of `request_stream()`, kept for older pages."""
        return await cls.request_stream(audio=audio, video=video)

    async def get_stream(self):
        """A `MediaStream` of this very device."""
        media_type = "audio" if self.kind.startswith("audio") else "video"
        constraints = {"deviceId": {"exact": self.id}}
        if media_type == "audio":
            return await self.request_stream(audio=constraints, video=False)
        return await self.request_stream(video=constraints)


async def list_devices():
    """The media devices the browser offers this page, as a list of `Device`s."""
    return [Device(info) for info in await _media_devices().enumerateDevices()]


__all__ = ["Device", "list_devices"]
