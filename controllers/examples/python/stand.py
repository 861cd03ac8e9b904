"""stand.py: the robot's start-up sequence and nothing more, in Python.

The same controller as controllers/stand/stand.cpp (the C++ `stand`):

1. While the robot reports err bit 0x02 (`first_run` is True), send
   all-zero frames: that is what clears the bit on the robot. Remember
   where every joint is.
2. Then move every joint smoothly (a cosine ramp) from where it is to the
   standing pose, and hold it there with joint PD control.

Run it:

    simarena run --controller controllers/examples/python/stand.py
    simarena run --controller controllers/examples/python/stand.py -p kp=60,rise_time=2

Joint arrays are in API order: index = leg*3 + joint, legs 0 FR, 1 FL,
2 RR, 3 RL, joints 0 abad, 1 hip, 2 knee (docs/controller-api.md).
"""

import math

import numpy as np

from simarena import CustomInterface


class Stand(CustomInterface):
    def __init__(self, context):
        # Parameters from -p, with defaults and allowed ranges; a key this
        # controller never reads is an error (a typo is never ignored).
        p = context.params
        abad = p.number("abad", 0.0, -1.0, 1.0)  # rad
        hip = p.number("hip", 0.8, -3.2, 3.2)  # rad
        knee = p.number("knee", -1.5, -3.2, 3.2)  # rad
        self.kp = p.number("kp", 80.0, 0.0, 200.0)  # N·m/rad
        self.kd = p.number("kd", 2.0, 0.0, 10.0)  # N·m·s/rad
        self.rise_time = p.number("rise_time", 1.5, 0.1, 20.0)  # s
        self.dt = context.control_period  # s between calls (0.002 on CyberDog 2)

        # The standing pose, found from each joint's name so any robot whose
        # joints end in _abad, _hip, _knee stands.
        n = context.num_joints
        self.target = np.zeros(n)
        for i, name in enumerate(context.joint_names):
            if name.endswith("_abad"):
                self.target[i] = abad
            elif name.endswith("_hip"):
                self.target[i] = hip
            elif name.endswith("_knee"):
                self.target[i] = knee
            else:
                raise ValueError(f"stand: joint '{name}' has no _abad/_hip/_knee suffix")
        self.n = n
        self.start = np.zeros(n)
        self.elapsed = 0.0

    def user_code(self, first_run):
        cmd = self.motor_cmd
        if first_run:
            # Zero frames until the robot accepts us; remember where we start from.
            self.zero_cmd()
            self.start[:] = self.robot_data.q[: self.n]
            self.elapsed = 0.0
            return
        self.elapsed += self.dt
        s = min(1.0, self.elapsed / self.rise_time)
        blend = 0.5 - 0.5 * math.cos(math.pi * s)  # zero velocity at both ends
        # Writing into the views: the command goes to the robot as it is.
        cmd.q_des[: self.n] = self.start + blend * (self.target - self.start)
        cmd.qd_des = 0.0
        cmd.kp_des = self.kp
        cmd.kd_des = self.kd
        cmd.tau_des = 0.0
