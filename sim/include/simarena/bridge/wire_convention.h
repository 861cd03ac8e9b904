// Conversions between simarena's API (the SDK's user side) and the CyberDog 2
// LCM messages (the robot's onboard side). The robot's wire carries joint
// values with the onboard signs (`wire_sign` in robot.yaml: hip and knee
// negated on CyberDog 2) and per-leg arrays; the SDK flips them at the user.
// Pure functions, so every field's meaning is tested without a network.
#pragma once

#include <simarena/controller.h>

#include <cstdint>
#include <leg_control_data_lcmt.hpp>
#include <motor_ctrl_lcmt.hpp>
#include <motor_ctrl_state_lcmt.hpp>
#include <spi_data_t.hpp>
#include <state_estimator_lcmt.hpp>

#include "simarena/physics/body_state.h"
#include "simarena/physics/robot_spec.h"
#include "simarena/physics/world.h"

namespace simarena {

// The robot's wire protocol carries 12 joints as 4 legs x (abad, hip,
// knee). Throws InputError naming the robot file otherwise.
void check_wire_layout(const RobotSpec& robot);

// motor_ctrl (onboard convention) -> MotorCmd (API convention).
SimarenaMotorCmd command_from_wire(const motor_ctrl_lcmt& wire, const RobotSpec& robot);
// MotorCmd -> motor_ctrl: what the robot's SDK does before publishing.
motor_ctrl_lcmt command_to_wire(const SimarenaMotorCmd& cmd, const RobotSpec& robot);

// The four messages the robot publishes every tick in motor-control mode.
struct WireState {
  motor_ctrl_state_lcmt ctrl_state{};
  spi_data_t spi_data{};
  leg_control_data_lcmt leg_data{};
  state_estimator_lcmt estimator{};
};

// `time` (s, simulated) goes into state_estimator.timestamp as nanoseconds.
WireState state_to_wire(const SimarenaRobotData& data, const BodyState& body, const RobotSpec& robot, double time);

}  // namespace simarena
