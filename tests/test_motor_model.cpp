// The motor law and the motor's limits, joint by joint.
#include <catch2/catch.hpp>

#include "simarena/physics/motor_model.h"
#include "test_helpers.h"

using namespace simarena;

TEST_CASE("motor law is tau_des + kp(q_des - q) + kd(qd_des - qd)") {
  const RobotSpec robot = test::cyberdog2();
  const JointSpec& hip = robot.joints[1];
  const JointCommand cmd{0.9, 0.5, 20, 1.5, 0.7};
  const MotorOutput out = motor_output(hip, robot.protections, cmd, 0.8, 0.2);
  CHECK(out.torque == Approx(0.7 + 20 * (0.9 - 0.8) + 1.5 * (0.5 - 0.2)));
  CHECK_FALSE(out.saturated);
  CHECK_FALSE(out.limit_spring);
  // The affine form MuJoCo integrates gives the same torque.
  CHECK(out.offset - out.stiffness * 0.8 - out.damping * 0.2 == Approx(out.torque));
}

TEST_CASE("torque saturates at the motor's peak torque") {
  const RobotSpec robot = test::cyberdog2();
  const JointSpec& knee = robot.joints[2];
  const MotorOutput out = motor_output(knee, robot.protections, {-1.0, 0, 200, 0, 0}, -1.5, 0);
  CHECK(out.torque == Approx(12.0));  // 200 * 0.5 = 100 N·m asked
  CHECK(out.saturated);
  CHECK(out.stiffness == 0);
  CHECK(out.damping == 0);
}

TEST_CASE("torque-speed curve limits driving torque, not braking torque") {
  const RobotSpec robot = test::cyberdog2();
  const MotorSpec& m = robot.joints[1].motor;
  CHECK(available_torque(m, 0) == Approx(12));
  CHECK(available_torque(m, m.full_torque_speed) == Approx(12));
  const double mid = 0.5 * (m.full_torque_speed + m.zero_torque_speed);
  CHECK(available_torque(m, mid) == Approx(6));
  CHECK(available_torque(m, -mid) == Approx(6));
  CHECK(available_torque(m, m.zero_torque_speed + 1) == 0);

  const JointSpec& hip = robot.joints[1];
  // Driving: +12 asked while moving at +mid rad/s -> only 6 available.
  CHECK(motor_output(hip, robot.protections, {0, 0, 0, 0, 12}, 0.8, mid).torque == Approx(6));
  // Braking: -12 asked while moving at +mid rad/s -> full torque.
  CHECK(motor_output(hip, robot.protections, {0, 0, 0, 0, -12}, 0.8, mid).torque == Approx(-12));
}

TEST_CASE("near a joint limit an outward law is replaced by the soft spring") {
  const RobotSpec robot = test::cyberdog2();
  const JointSpec& abad = robot.joints[0];
  const ProtectionSpec& p = robot.protections;
  const double q = abad.range_max - 0.02;  // inside the 0.05 rad zone
  const MotorOutput out = motor_output(abad, p, {abad.range_max, 0, 100, 2, 3}, q, 0);
  CHECK(out.limit_spring);
  CHECK(out.torque == Approx(p.limit_spring_stiffness * (0.02 - p.limit_spring_zone)));  // pushes back, inward
  CHECK(out.torque < 0);
  // Pushing inward from the same place is left alone.
  const MotorOutput inward = motor_output(abad, p, {0, 0, 10, 2, 0}, q, 0);
  CHECK_FALSE(inward.limit_spring);
  CHECK(inward.torque == Approx(-10 * q));
  // The knee ignores outward pushes below its 1 N·m threshold.
  const JointSpec& knee = robot.joints[2];
  const double qk = knee.range_min + 0.01;
  CHECK_FALSE(motor_output(knee, p, {0, 0, 0, 0, -0.5}, qk, 0).limit_spring);
  CHECK(motor_output(knee, p, {0, 0, 0, 0, -2.0}, qk, 0).limit_spring);
}
