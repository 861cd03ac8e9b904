"""A high-level controller in Python: the robot's own motion controller does
the walking, as for a program sending robot_control_cmd on the robot.
Stand up, trot forward at `vx` m/s (default 0.5) in the slow trot for
`walk` seconds (default 4), then lie down. Run it with
`simarena run --controller controllers/examples/python/high_level_walk.py`."""

from simarena import CustomInterface, HighLevelCmd

STAND_UP, LIE_DOWN, LOCOMOTION = 12, 7, 11
SLOW_TROT = 27


class HighLevelWalk(CustomInterface):
    interface = "high_level"

    def __init__(self, context):
        self.vx = context.params.number("vx", 0.5, -0.6, 0.6)
        self.walk_time = context.params.number("walk", 4.0, 0.0, 60.0)
        self.period = context.control_period
        self.frame = HighLevelCmd(mode=STAND_UP, life_count=1)
        self.step = "stand"
        self.time = 0.0
        self.walk_start = None

    def order(self, mode, gait_id=0, vx=0.0):
        """A new order: a new life_count, so the robot applies it."""
        count = (self.frame.life_count + 1 + 128) % 256 - 128
        self.frame = HighLevelCmd(mode=mode, gait_id=gait_id, life_count=count, vel_des=[vx, 0.0, 0.0],
                                  step_height=[0.05, 0.05])

    def user_code(self, first_run):
        self.time += self.period
        robot = self.read_high_level_response()
        if self.step == "stand" and robot and robot.mode == STAND_UP and robot.order_process_bar >= 95:
            self.order(LOCOMOTION, SLOW_TROT, self.vx)
            self.step, self.walk_start = "walk", self.time
        elif self.step == "walk" and self.time - self.walk_start >= self.walk_time:
            self.order(LIE_DOWN, 1)
            self.step = "lie"
            self.log("walked; lying down")
        self.send_high_level(self.frame)  # every period: the heartbeat
