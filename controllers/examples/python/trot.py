"""trot.py: the reference trot's simplest gait, in Python, for students.

A port of the first ideas of controllers/trot (the C++ reference trot),
without its state estimator or its balance controller: every joint is
position-controlled (PD), and the feet follow a fixed trot pattern.

1. Start-up, the robot's way: zero frames while `first_run` is True, then a
   cosine blend from the lying pose to the stance pose in `stand_time` s,
   held for `settle_time` s.
2. Gait: a clock runs through `period` s; the diagonal pairs FR+RL and
   FL+RR alternate, each foot on the ground for half the period.
3. Stance feet slide back under the hip at the walking speed (so the body
   moves forward); swing feet travel forward along a raised arc.
4. Inverse kinematics turns each foot position (in the hip's plane) into
   hip and knee angles; abad stays at 0.

Run it:

    simarena run --controller controllers/examples/python/trot.py --duration 10
    simarena run --controller controllers/examples/python/trot.py -p speed=0.2,step_height=0.05
"""

import math

import numpy as np

from simarena import CustomInterface

# CyberDog 2's leg (controllers/trot/leg_kinematics.h), m.
THIGH = 0.12  # hip axis to knee axis
SHANK = 0.1739  # knee axis to the foot sphere's centre
FOOT_RADIUS = 0.019

# Legs in API order: 0 FR, 1 FL, 2 RR, 3 RL. FR+RL step together, then FL+RR.
PHASE_OFFSET = np.array([0.0, 0.5, 0.5, 0.0])


def leg_angles(x, z):
    """Hip and knee angles (knee bent backwards, negative) that put the foot
    at (x forward, z up) from the hip axis: the law of cosines."""
    reach2 = x * x + z * z
    cos_knee = np.clip((reach2 - THIGH**2 - SHANK**2) / (2 * THIGH * SHANK), -1.0, 1.0)
    knee = -np.arccos(cos_knee)
    hip = np.arctan2(-x, -z) - np.arctan2(SHANK * np.sin(knee), THIGH + SHANK * np.cos(knee))
    return hip, knee


class Trot(CustomInterface):
    def __init__(self, context):
        p = context.params
        self.speed = p.number("speed", 0.3, -0.5, 0.6)  # m/s wanted
        self.period = p.number("period", 0.3, 0.15, 1.0)  # s, one full cycle
        self.step_height = p.number("step_height", 0.06, 0.0, 0.12)  # m of swing clearance
        self.body_height = p.number("body_height", 0.23, 0.15, 0.28)  # m, trunk above the ground
        self.accel = p.number("accel", 0.3, 0.05, 5.0)  # m/s², the speed ramp
        self.stand_time = p.number("stand_time", 1.5, 0.3, 10.0)  # s
        self.settle_time = p.number("settle_time", 0.5, 0.0, 10.0)  # s
        self.kp_stance = p.number("kp_stance", 120.0, 0.0, 200.0)  # N·m/rad, feet on the ground
        self.kp_swing = p.number("kp_swing", 60.0, 0.0, 200.0)  # N·m/rad, feet in the air
        self.kd = p.number("kd", 1.5, 0.0, 10.0)  # N·m·s/rad
        self.dt = context.control_period
        if context.num_joints != 12:
            raise ValueError("trot.py walks a four-legged robot with 12 joints")
        self.stance_z = -(self.body_height - FOOT_RADIUS)  # foot centre below the hip axis
        hip, knee = leg_angles(0.0, self.stance_z)
        self.stance_pose = np.tile([0.0, hip, knee], 4)
        self.start = np.zeros(12)
        self.time = 0.0  # s since the robot accepted us
        self.gait_time = 0.0
        self.current_speed = 0.0

    def user_code(self, first_run):
        cmd = self.motor_cmd
        if first_run:
            self.zero_cmd()
            self.start[:] = self.robot_data.q
            self.time = 0.0
            return
        self.time += self.dt
        cmd.qd_des = 0.0
        cmd.tau_des = 0.0
        cmd.kd_des = self.kd
        if self.time < self.stand_time + self.settle_time:
            # Rise to the stance pose along a cosine, then hold it.
            s = min(1.0, self.time / self.stand_time)
            blend = 0.5 - 0.5 * math.cos(math.pi * s)
            cmd.q_des = self.start + blend * (self.stance_pose - self.start)
            cmd.kp_des = self.kp_stance
            return
        self.step()

    def step(self):
        """One period of walking: feet from the gait clock, angles from IK."""
        cmd = self.motor_cmd
        self.current_speed += np.clip(self.speed - self.current_speed, -self.accel * self.dt, self.accel * self.dt)
        self.gait_time += self.dt
        phase = (self.gait_time / self.period + PHASE_OFFSET) % 1.0  # per leg, 0..1
        stance = phase < 0.5
        half = 0.5 * self.period
        stride = self.current_speed * half  # m the body moves while a foot is down
        # Stance: 0..1 through the foot's time on the ground; swing likewise in the air.
        s = np.where(stance, phase / 0.5, (phase - 0.5) / 0.5)
        x = np.where(stance, stride * (0.5 - s), stride * (s - 0.5))
        lift = np.where(stance, 0.0, self.step_height * np.sin(np.pi * s))
        hip, knee = leg_angles(x, self.stance_z + lift)
        cmd.q_des[0::3] = 0.0
        cmd.q_des[1::3] = hip
        cmd.q_des[2::3] = knee
        kp = np.where(stance, self.kp_stance, self.kp_swing)
        cmd.kp_des = np.repeat(kp, 3)
