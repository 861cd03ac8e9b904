/* FROZEN copy of the SDK as of ABI 1 before extensions (commit f84b52e): plugins built
 * against it must keep loading unrebuilt (tests/test_plugin_abi_compat.cpp). Never edit. */
/* simarena controller plugin ABI (C).
 *
 * A controller is a shared library that exports one symbol,
 * `simarena_controller_api`, returning a versioned table of functions. The
 * simulator calls `step` once per control period (2 ms on CyberDog 2), in
 * lockstep: simulated time never runs ahead of the controller and never waits
 * on the wall clock.
 *
 * The two data structs are laid out exactly as the CyberDog 2 motor SDK's
 * `RobotData` and `MotorCmd` (cyberdog_motor_sdk, branch cyberdog2), so code
 * written for the robot reads and writes the same fields. Robots with fewer
 * than 12 joints use the first `num_joints` entries; the rest stay zero.
 *
 * This header is plain C99 so a plugin may be written in C, C++ or anything
 * with a C FFI. C++ users normally include <simarena/custom_interface.hpp>.
 */
#ifndef SIMARENA_CONTROLLER_H
#define SIMARENA_CONTROLLER_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bumped on any incompatible change to the structs or the function table
 * below. Optional members appended at the end of SimarenaControllerApi keep
 * the version: the host checks struct_size before using them. */
#define SIMARENA_CONTROLLER_ABI_VERSION 1u

/* Joint slots in RobotData / MotorCmd (CyberDog 2 and Unitree Go1/Go2: 12). */
#define SIMARENA_MAX_JOINTS 12

/* Name of the one exported entry point. */
#define SIMARENA_CONTROLLER_ENTRY "simarena_controller_api"

/* err_flag bits, as the robot reports them in motor-control mode. */
#define SIMARENA_ERR_CMD_GAP_10MS 0x01   /* command gap > 10 ms: qd_des, tau_des scaled down */
#define SIMARENA_ERR_CMD_LOST_500MS 0x02 /* no valid command for 500 ms: robot takes over */
#define SIMARENA_ERR_JUMP_ABAD 0x04      /* q_des jump clamped on an abad joint */
#define SIMARENA_ERR_JUMP_HIP 0x08       /* q_des jump clamped on a hip joint */
#define SIMARENA_ERR_JUMP_KNEE 0x10      /* q_des jump clamped on a knee joint */

/* Joint state and body state, filled by the simulator before every step.
 * Units: rad, rad/s, N·m, m/s², ms. Field order and types match the robot. */
typedef struct SimarenaRobotData {
  float q[SIMARENA_MAX_JOINTS];   /* joint angle, rad, API (user) convention */
  float qd[SIMARENA_MAX_JOINTS];  /* joint velocity, rad/s */
  float tau[SIMARENA_MAX_JOINTS]; /* joint torque applied last physics step, N·m */
  float quat[4];                  /* body orientation; order given by the robot (CyberDog 2: w,x,y,z) */
  float rpy[3];                   /* roll, pitch, yaw (rad); yaw is zero at the start of the run */
  float acc[3];                   /* specific force, m/s², frame per robot (CyberDog 2: world, +9.81 z at rest) */
  float omega[3];                 /* angular velocity, rad/s, frame per robot (CyberDog 2: world) */
  float ctrl_topic_interval;      /* ms since the last command was received */
  uint32_t motor_flags[SIMARENA_MAX_JOINTS]; /* per-motor mode and error bits (0: healthy) */
  int16_t err_flag;                          /* SIMARENA_ERR_* bits */
} SimarenaRobotData;

/* Desired motor behaviour: tau = tau_des + kp_des*(q_des - q) + kd_des*(qd_des - qd). */
typedef struct SimarenaMotorCmd {
  float q_des[SIMARENA_MAX_JOINTS];
  float qd_des[SIMARENA_MAX_JOINTS];
  float kp_des[SIMARENA_MAX_JOINTS];
  float kd_des[SIMARENA_MAX_JOINTS];
  float tau_des[SIMARENA_MAX_JOINTS];
} SimarenaMotorCmd;

/* What the controller is told about the robot when it is created. */
typedef struct SimarenaRobotInfo {
  uint32_t struct_size;           /* sizeof(SimarenaRobotInfo) of the host */
  const char* robot_name;         /* e.g. "cyberdog2" */
  int32_t num_joints;             /* <= SIMARENA_MAX_JOINTS */
  const char* const* joint_names; /* num_joints names in API order */
  double control_period;          /* seconds between step calls */
} SimarenaRobotInfo;

/* What the course tells the controller before each step, when the event's
 * rule set gives course information (`course_info: next_gate`). Like a
 * marker the robot could see: where the next gate is, relative to the body.
 * Filled by the host; a controller only reads it. */
typedef struct SimarenaCourseInfo {
  uint32_t struct_size;    /* sizeof(SimarenaCourseInfo) of the host */
  int32_t available;       /* 0: this event gives controllers no course information (like the robot) */
  int32_t next_gate_index; /* index of the next gate to cross, -1 when all are crossed */
  int32_t gate_count;      /* gates in order: 0 start line, 1..n checkpoints, n+1 finish line */
  float next_gate_body[3]; /* next gate centre in the body's heading frame: x forward, y left, z up (m) */
  float next_gate_heading; /* course direction through that gate relative to the body's heading (rad) */
  float next_gate_width;   /* m */
} SimarenaCourseInfo;

/* Return values of `step`. */
typedef enum SimarenaStepStatus {
  SIMARENA_STEP_SENT = 0,    /* *cmd holds this tick's command */
  SIMARENA_STEP_SKIPPED = 1, /* no command this tick (as if the frame was not sent) */
  SIMARENA_STEP_ERROR = -1   /* unrecoverable error; message in the error buffer */
} SimarenaStepStatus;

typedef struct SimarenaControllerApi {
  uint32_t abi_version; /* SIMARENA_CONTROLLER_ABI_VERSION the plugin was built with */
  uint32_t struct_size; /* sizeof(SimarenaControllerApi) the plugin was built with */
  const char* name;     /* short controller name for results and scoreboards */

  /* Make one instance. `params` is the user's parameter string (never NULL,
   * may be empty). On failure return NULL and write a message into `error`. */
  void* (*create)(const SimarenaRobotInfo* robot, const char* params, char* error, size_t error_size);

  /* One control period. `first_run` is nonzero on the first call and on every
   * call after the robot held err bit 0x02 (as in the robot's SDK). Write the
   * command into *cmd (it arrives holding the previous command). */
  int (*step)(void* instance, int first_run, const SimarenaRobotData* data, SimarenaMotorCmd* cmd, char* error,
              size_t error_size);

  void (*destroy)(void* instance);

  /* Optional (may be NULL; absent in plugins built before it existed, which
   * the host detects from struct_size): called before every `step` with the
   * course information for that step. */
  void (*set_course_info)(void* instance, const SimarenaCourseInfo* info);
} SimarenaControllerApi;

/* Plugins export exactly this function (see SIMARENA_CONTROLLER_ENTRY). */
typedef const SimarenaControllerApi* (*SimarenaControllerEntry)(void);

#ifdef __cplusplus
}
#endif

#endif /* SIMARENA_CONTROLLER_H */
