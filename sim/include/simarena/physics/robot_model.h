// The robot's model as controllers receive it (SimarenaRobotModel in
// <simarena/controller.h>): every joint's range, motor and axis; with a
// `legs` section in robot.yaml, also the legs' geometry, the whole robot's
// mass and inertia and the heights it stands and walks at. So a
// model-based controller runs any robot described by files alone.
#pragma once

#include <simarena/controller.h>

#include "simarena/physics/robot_spec.h"

namespace simarena {

// Compiles the robot's MJCF alone and reads the model from it at the zero
// pose (every joint at 0, base at the origin). Throws InputError naming
// robot.yaml's `legs` line when the MJCF's legs do not fit the leg model
// (three chained bodies, a spherical foot on the last one).
SimarenaRobotModel robot_model(const RobotSpec& robot);

}  // namespace simarena
