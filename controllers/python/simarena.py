"""simarena: Python controllers on simarena's joint API (docs/python.md).

A controller is one class derived from CustomInterface, shaped like the
CyberDog 2 motor SDK's C++ CustomInterface: simarena calls
user_code(first_run) once per control period; it reads self.robot_data and
writes self.motor_cmd, with the SDK's field names and units. The arrays are
NumPy float32 views onto the plugin's RobotData and MotorCmd structs (filled
from the host's once per tick, as the C++ SDK does): no array or Python
object is made per tick.

This module is built into simarena's `python` plugin; a script imports it
with `from simarena import CustomInterface`.
"""

import gc
import inspect
import linecache
import os
import random
import sys
import types

import numpy
from _simarena_host import HostLink  # built into the plugin: log() and announce() reach the host

MAX_JOINTS = 12

# err_flag bits, as the robot reports them in motor-control mode.
ERR_CMD_GAP_10MS = 0x01
ERR_CMD_LOST_500MS = 0x02
ERR_JUMP_ABAD = 0x04
ERR_JUMP_HIP = 0x08
ERR_JUMP_KNEE = 0x10

# Kinds of object for recognised() (SIMARENA_OBJECT_* in controller.h).
OBJECT_BOTTLE = 1
OBJECT_ORANGE_BALL = 2
OBJECT_FOOTBALL = 3
OBJECT_LOW_BAR = 4
OBJECT_CUBES = 5


class Params:
    """The -p string, "key=value,key=value" (commas, semicolons or spaces
    separate pairs), as the C++ SDK's simarena::Params reads it. After the
    controller's __init__, a key it never read is an error naming it."""

    def __init__(self, text):
        self._values = {}
        self._known = set()
        for token in text.replace(";", ",").replace(" ", ",").replace("\t", ",").replace("\n", ",").split(","):
            if not token:
                continue
            key, eq, value = token.partition("=")
            if not eq or not key:
                raise ValueError(f"parameter '{token}' is not of the form key=value")
            self._values[key] = value

    def number(self, key, fallback, lo=None, hi=None):
        """The number under `key`, or `fallback` when absent; checked against
        [lo, hi] when both are given."""
        self._known.add(key)
        if key not in self._values:
            return float(fallback)
        text = self._values[key]
        try:
            value = float(text)
        except ValueError:
            raise ValueError(f"parameter {key}={text} is not a number") from None
        if lo is not None and hi is not None and not (lo <= value <= hi):
            raise ValueError(f"parameter {key}={value:g} is outside [{lo:g}, {hi:g}]")
        return value

    def finish(self):
        """Raises if the string held keys no number() call asked for."""
        unused = sorted(k for k in self._values if k not in self._known)
        if not unused:
            return
        names = ", ".join(f"'{k}'" for k in unused)
        if not self._known:
            raise ValueError(f"this controller takes no parameters; unused: {names} (drop -p)")
        word = "parameters" if len(unused) > 1 else "parameter"
        raise ValueError(f"unknown {word} {names} (known: {', '.join(sorted(self._known))})")


class ControllerContext:
    """What a controller is told when it is made (the C++ ControllerContext)."""

    def __init__(self, robot_name, joint_names, control_period, params_text):
        self.robot_name = robot_name
        self.joint_names = tuple(joint_names)  # API order
        self.num_joints = len(self.joint_names)
        self.control_period = control_period  # s between calls
        self.params_text = params_text
        self.params = Params(params_text)


class RobotData:
    """The SDK's RobotData: arrays are read-only float32 views (q, qd, tau
    [12], quat [4] w x y z, rpy, acc, omega [3]; motor_flags uint32 [12]);
    ctrl_topic_interval (ms) and err_flag are numbers."""

    __slots__ = ("q", "qd", "tau", "quat", "rpy", "acc", "omega", "motor_flags", "ctrl_topic_interval", "err_flag")


def _array_field(name):
    view = "_" + name

    def get(self):
        return getattr(self, view)

    def set(self, value):  # cmd.kp_des = 80 writes into the view, like cmd.kp_des[:] = 80
        getattr(self, view)[...] = value

    return property(get, set, doc=f"{name}: float32 view of {MAX_JOINTS}; assigning writes into it")


class MotorCmd:
    """The SDK's MotorCmd: q_des, qd_des, kp_des, kd_des, tau_des, each a
    float32 view of 12 joints. Write elements (cmd.q_des[3] = 0.8), slices,
    or whole arrays (cmd.kp_des = 80); the motor law is
    tau = tau_des + kp_des*(q_des - q) + kd_des*(qd_des - qd)."""

    __slots__ = ("_q_des", "_qd_des", "_kp_des", "_kd_des", "_tau_des")
    q_des = _array_field("q_des")
    qd_des = _array_field("qd_des")
    kp_des = _array_field("kp_des")
    kd_des = _array_field("kd_des")
    tau_des = _array_field("tau_des")

    def zero(self):
        for name in MotorCmd.__slots__:
            getattr(self, name)[...] = 0.0


class CourseInfo:
    """Where the next gate is, when the event's rules give it (available is
    1); all zero otherwise, as on the robot. next_gate_body is a read-only
    float32 view [3]: x forward, y left, z up in the body's heading frame (m).
    In assisted events height_map_available is 1 and height_map, a read-only
    float32 view [48, 32] (rows forward, columns left, 3 cm cells), holds the
    ground's height relative to the body, NaN where there is none, and
    overhead_clearance the height under a low bar just ahead or above, NaN
    when there is none (docs/controller-api.md, "The local height map")."""

    __slots__ = ("available", "next_gate_index", "gate_count", "next_gate_body", "next_gate_heading", "next_gate_width",
                 "height_map_available", "height_map", "overhead_clearance")


class HighLevelCmd:
    """robot_control_cmd_lcmt, field for field (docs/high-level-api.md): what a
    high-level controller asks the robot's motion controller for. A frame is
    applied only when its life_count differs from the last applied one."""

    __slots__ = ("mode", "gait_id", "contact", "life_count", "vel_des", "rpy_des", "pos_des", "acc_des",
                 "ctrl_point", "foot_pose", "step_height", "value", "duration")

    def __init__(self, mode=-1, gait_id=0, life_count=0, **fields):
        self.mode = mode  # 12 stand up, 7 lie down, 11 walk, 3 / 21 pose, 16 jump ... (-1: heartbeat)
        self.gait_id = gait_id
        self.contact = 0
        self.life_count = life_count
        self.vel_des = [0.0, 0.0, 0.0]  # vx, vy (m/s), yaw rate (rad/s), body frame
        self.rpy_des = [0.0, 0.0, 0.0]
        self.pos_des = [0.0, 0.0, 0.0]
        self.acc_des = [0.0] * 6
        self.ctrl_point = [0.0, 0.0, 0.0]
        self.foot_pose = [0.0] * 6
        self.step_height = [0.0, 0.0]
        self.value = 0
        self.duration = 0  # ms; 0: until replaced
        for name, value in fields.items():
            setattr(self, name, value)  # an unknown name raises AttributeError (slots)


class HighLevelResponse:
    """robot_control_response_lcmt: the robot's answer (50 Hz and on changes)."""

    __slots__ = ("mode", "gait_id", "contact", "order_process_bar", "switch_status", "ori_error", "footpos_error",
                 "motor_error")

    def __init__(self, fields):
        for name, value in zip(HighLevelResponse.__slots__, fields):
            setattr(self, name, value)


class Odometry:
    """localization_lcmt (channel global_to_robot): xyz, vxyz, rpy, omegaBody,
    vBody as lists of 3, timestamp in ns of simulated time."""

    __slots__ = ("xyz", "vxyz", "rpy", "omegaBody", "vBody", "timestamp")

    def __init__(self, fields):
        for name, value in zip(Odometry.__slots__, fields):
            setattr(self, name, value)


class CameraImage:
    """One image of a robot camera (docs/cameras.md): name, encoding ("rgb8"
    or "depth_f32"), width, height, sequence (1, 2, ...: a new number is a new
    image), capture_time (s of match time), fx, fy, cx, cy (pixels),
    min_range, max_range (m), and pixels: a NumPy array of its own, row 0 at
    the top, (height, width, 3) uint8 R, G, B or (height, width) float32
    metres along the optical axis (0: no reading)."""

    __slots__ = ("name", "sequence", "capture_time", "encoding", "width", "height", "fx", "fy", "cx", "cy",
                 "min_range", "max_range", "pixels")

    def __init__(self, name, fields, pixels):
        self.name = name
        for slot, value in zip(CameraImage.__slots__[1:], fields):
            setattr(self, slot, value)
        self.pixels = pixels


INTERFACES = ("motor", "high_level")


class CustomInterface:
    """Derive your controller from this class and define user_code(self,
    first_run). Read self.robot_data, write self.motor_cmd; self.course_info
    holds course information when the event gives it. An __init__ may take
    a ControllerContext (robot name, joint names, control period, params)."""

    # Hz; None: every control period. Lower rates call user_code every k-th
    # period and send nothing in between, like a slower timer on the robot.
    loop_rate = None
    # "motor": user_code writes self.motor_cmd (the motor SDK). "high_level":
    # it sends HighLevelCmd frames to the robot's motion controller with
    # send_high_level() instead, and motor_cmd is ignored (docs/python.md).
    interface = "motor"
    # The robot's cameras this controller looks through (robot.yaml's names,
    # e.g. ("rgb", "depth")), opened when it loads; read them with read_camera().
    cameras = ()

    def __init__(self, context=None):
        pass

    def user_code(self, first_run):
        raise NotImplementedError("define user_code(self, first_run) in your controller class")

    def zero_cmd(self):
        """The SDK's Zero_Cmd: every field of the command to 0."""
        self.motor_cmd.zero()

    def print_data(self):
        """The SDK's PrintData."""
        d = self.robot_data
        print(f"interval: {d.ctrl_topic_interval:.4f} ms err_flag 0x{d.err_flag:x}")
        print("rpy [3]: %.2f %.2f %.2f" % tuple(d.rpy))
        print("acc [3]: %.2f %.2f %.2f" % tuple(d.acc))
        print("omeg[3]: %.2f %.2f %.2f" % tuple(d.omega))

    def log(self, text):
        """One line for the run's log (simarena.log). False when not delivered."""
        return self._simarena_host.log(str(text))

    def announce(self, text):
        """A short text said aloud to the referee (simarena.announce)."""
        return self._simarena_host.announce(str(text))

    def recognised(self, kind, words=""):
        """Says it recognised an object of `kind` (OBJECT_*) with `words`
        ("识别到可乐瓶"): judged by the referee on a course with announcements
        (simarena.announce version 2). False when not delivered."""
        return self._simarena_host.recognised(int(kind), str(words))

    def send_high_level(self, frame):
        """Sends one HighLevelCmd (interface = "high_level"); up to 4 a period
        reach the motion controller, in order. False when dropped."""
        return self._simarena_host.send_high_level(frame)

    def send_gait_file(self, text):
        """Sends a user-gait text as on the robot's user_gait_file channel (a
        "# Gait Def" schedule for mode 11 gait 110, or a "# Gait Params" list
        for motion 62/110; docs/high-level-api.md);
        one a period, at most 64 KiB. False when dropped."""
        return self._simarena_host.send_gait_file(str(text))

    def gait_file_result(self):
        """The robot's answer to the last text (user_gait_result): 0 accepted,
        1 not, -1 none yet."""
        return self._simarena_host.gait_file_result()

    def read_high_level_response(self):
        """The robot's latest HighLevelResponse, or None before its first."""
        fields = self._simarena_host.read_high_level_response()
        return None if fields is None else HighLevelResponse(fields)

    def read_odometry(self):
        """The robot's latest Odometry, or None before its first."""
        fields = self._simarena_host.read_odometry()
        return None if fields is None else Odometry(fields)

    def read_camera(self, name):
        """The latest CameraImage of a camera named in the class's `cameras`,
        or None before its first image. The same object until a new image
        comes (its pixels are copied once per image, not per call)."""
        index = self._simarena_cameras.get(name)
        if index is None:
            raise ValueError(f"camera {name!r} is not in {type(self).__name__}.cameras {tuple(self.cameras)!r}: "
                             "name it there to open it")
        fields = self._simarena_host.camera_frame(index)
        if fields is None:
            return None
        latest = self._simarena_images.get(name)
        if latest is None or latest.sequence != fields[0]:
            latest = CameraImage(name, fields, self._simarena_host.camera_pixels(index))
            self._simarena_images[name] = latest
        return latest


# ---- used by the plugin, not by controllers --------------------------------

_MODULE_NAME = "__simarena_controller__"


class LoadError(Exception):
    """A problem with the script, in words for the user."""


def _short(text, limit=100):
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _syntax_words(error):
    where = os.path.basename(error.filename or "?")
    line = f":{error.lineno}" if error.lineno else ""
    column = f":{error.offset}" if error.lineno and error.offset else ""
    source = f": {_short(error.text, 80)}" if error.text and error.text.strip() else ""
    return f"{where}{line}{column}: {type(error).__name__}: {_short(error.msg, 120)}{source}"


def exception_words(error):
    """An exception in plain words on one line: what, then where, innermost
    first (the traceback's last lines), each with its source line."""
    if isinstance(error, LoadError):
        return str(error)
    if isinstance(error, SyntaxError):
        return _syntax_words(error)
    what = type(error).__name__
    message = _short(error, 160)
    head = f"{what}: {message}" if message else what
    frames = []
    tb = error.__traceback__
    while tb is not None:
        frame = tb.tb_frame
        # This module's frames and the import machinery's say nothing to the user.
        if frame.f_globals.get("__name__") != __name__ and not frame.f_code.co_filename.startswith("<frozen"):
            line = linecache.getline(frame.f_code.co_filename, tb.tb_lineno, frame.f_globals).strip()
            frames.append((os.path.basename(frame.f_code.co_filename), tb.tb_lineno, frame.f_code.co_name, line))
        tb = tb.tb_next
    parts = []
    for i, (file, line_number, function, line) in enumerate(reversed(frames[-3:])):
        lead = "at" if i == 0 else "called from"
        parts.append(f"{lead} {file}:{line_number} in {function}()" + (f": {_short(line, 60)}" if line else ""))
    return head + (" (" + ", ".join(parts) + ")" if parts else "")


def _controller_class(module, script):
    found = [
        value
        for value in vars(module).values()
        if isinstance(value, type)
        and issubclass(value, CustomInterface)
        and value is not CustomInterface
        and value.__module__ == _MODULE_NAME
    ]
    if not found:
        raise LoadError(
            f"{script} defines no controller: define a class derived from simarena.CustomInterface "
            "with a method user_code(self, first_run)"
        )
    if len(found) > 1:
        names = ", ".join(sorted(c.__name__ for c in found))
        raise LoadError(f"{script} defines {len(found)} controller classes ({names}); keep exactly one")
    return found[0]


def _open_cameras(cls, script, host):
    """Opens the class's cameras (only possible while the plugin loads): name -> index."""
    names = cls.cameras
    if isinstance(names, str) or not all(isinstance(n, str) for n in names):
        raise LoadError(f"{script}: {cls.__name__}.cameras must be a tuple of camera names, e.g. (\"rgb\",), "
                        f"not {names!r}")
    opened = {}
    for name in names:
        index = host.open_camera(name)
        if index < 0:
            have = ", ".join(host.camera_names()) or "none"
            raise LoadError(f"{script}: cannot open camera {name!r}: the robot's cameras: {have}")
        opened[name] = index
    return opened


def _construct(cls, context, robot_data, motor_cmd, course_info, host, cameras):
    controller = cls.__new__(cls)
    controller._simarena_cameras = cameras
    controller._simarena_images = {}
    controller.robot_data = robot_data
    controller.motor_cmd = motor_cmd
    controller.course_info = course_info
    controller._simarena_host = host
    try:
        takes_context = len(inspect.signature(cls.__init__).parameters) >= 2
    except (TypeError, ValueError):
        takes_context = True
    if takes_context:
        controller.__init__(context)
    else:
        # Such a controller cannot see parameters: a -p for it would be lost.
        if context.params_text.strip(" \t\n,;"):
            raise LoadError(
                f"this controller takes no parameters (its __init__ takes no context), but got "
                f"'{context.params_text}': drop -p, or read them from context.params in __init__(self, context)"
            )
        controller.__init__()
    context.params.finish()
    return controller


def load(path, params_text, robot_name, joint_names, control_period, robot_data, motor_cmd, course_info, host):
    """Runs the script and makes its controller. Returns (controller, user_code,
    calls_every_k_periods). Raises LoadError, or the script's own exception."""
    script = os.path.basename(path)
    with open(path, "rb") as file:
        source = file.read()
    # Tracebacks quote the script from memory: no file is read again later.
    text = source.decode("utf-8", errors="replace")
    linecache.cache[path] = (len(text), None, text.splitlines(True), path)
    code = compile(source, path, "exec", dont_inherit=True)
    # Same bits twice: the global generators start from the same seed.
    random.seed(0)
    numpy.random.seed(0)
    folder = os.path.dirname(path)
    if folder not in sys.path:
        sys.path.insert(0, folder)  # its own modules beside it, as `python script.py` would
    module = types.ModuleType(_MODULE_NAME)
    module.__file__ = path
    sys.modules[_MODULE_NAME] = module
    exec(code, module.__dict__)
    cls = _controller_class(module, script)
    if cls.interface not in INTERFACES:
        raise LoadError(f"{script}: {cls.__name__}.interface must be \"motor\" or \"high_level\", not {cls.interface!r}")
    if cls.interface == "high_level" and not host.take_high_level():
        raise LoadError(f"{script}: this simarena does not serve the high-level interface (simarena.high_level) here")
    cameras = _open_cameras(cls, script, host)
    context = ControllerContext(robot_name, joint_names, control_period, params_text)
    controller = _construct(cls, context, robot_data, motor_cmd, course_info, host, cameras)
    user_code = getattr(controller, "user_code", None)
    if not callable(user_code):
        raise LoadError(f"{script}: {cls.__name__}.user_code is not a method")
    rate = controller.loop_rate
    every = 1
    if rate is not None:
        if not isinstance(rate, (int, float)) or not rate > 0:
            raise LoadError(f"{script}: {cls.__name__}.loop_rate must be a positive number of Hz, not {rate!r}")
        every = max(1, round((1.0 / rate) / control_period))
    # Everything made so far lives as long as the run: the cyclic garbage
    # collector never scans it again, so no control call pays for it.
    gc.collect()
    gc.freeze()
    return controller, user_code, every
