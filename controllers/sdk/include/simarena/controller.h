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

/* Marks a symbol as exported from the plugin (builds may hide the rest). */
#define SIMARENA_EXPORT __attribute__((visibility("default")))

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

/* ---- The robot's model (SimarenaRobotInfo.model) -------------------------
 *
 * What a model-based controller needs to know about the robot, filled by
 * the host from robot.yaml and the compiled MJCF, so one controller can run
 * robots of different sizes. Frames: the base body's (x forward, y left,
 * z up) with every joint at 0; lengths in m, angles in rad. */

/* One joint, API convention (docs/controller-api.md). */
typedef struct SimarenaJointModel {
  double range_min, range_max; /* rad */
  double torque_limit;         /* N·m the motor gives up to full_torque_speed */
  double full_torque_speed;    /* rad/s */
  double zero_torque_speed;    /* rad/s: no torque left at this speed */
  double kp_max, kd_max;       /* the largest gains the robot accepts */
  double axis[3];              /* unit axis in the base frame at the zero pose: positive q turns about it */
} SimarenaJointModel;

/* One leg: a chain of three joints from the body out (abad, hip, knee) and
 * a spherical foot. The offsets are between joint axis points at the zero
 * pose, in the base frame. */
typedef struct SimarenaLegModel {
  int32_t joints[3];        /* abad, hip, knee: indices in API order */
  int32_t reserved;         /* 0 */
  double abad_origin[3];    /* abad axis point from the base origin */
  double hip_from_abad[3];  /* hip axis point from the abad axis point */
  double knee_from_hip[3];  /* knee axis point from the hip axis point */
  double foot_from_knee[3]; /* foot sphere centre from the knee axis point */
  double foot_radius;
} SimarenaLegModel;

#define SIMARENA_MAX_LEGS 4

typedef struct SimarenaRobotModel {
  uint32_t struct_size; /* sizeof(SimarenaRobotModel) of the host */
  int32_t num_joints;   /* as SimarenaRobotInfo.num_joints */
  SimarenaJointModel joints[SIMARENA_MAX_JOINTS];
  /* The legs, in the SDK's order FR, FL, RR, RL; 0 when robot.yaml has no
   * `legs` section (the robot is not described as a legged one). */
  int32_t num_legs;
  int32_t reserved; /* 0 */
  SimarenaLegModel legs[SIMARENA_MAX_LEGS];
  /* The whole robot as one rigid body: mass (kg), centre of mass (base
   * frame) and inertia about it (kg·m², base axes, row-major 3x3), from
   * robot.yaml's legs.rigid_body when given, else from the MJCF at the
   * zero pose. Meaningful when num_legs > 0, like the heights below. */
  double mass;
  double centre_of_mass[3];
  double inertia[9];
  double standing_height;      /* m: base origin above flat ground when standing */
  double body_height_range[2]; /* m: lowest and highest base height the robot walks at */
} SimarenaRobotModel;

/* What the controller is told about the robot when it is created. */
typedef struct SimarenaRobotInfo {
  uint32_t struct_size;           /* sizeof(SimarenaRobotInfo) of the host */
  const char* robot_name;         /* e.g. "cyberdog2" */
  int32_t num_joints;             /* <= SIMARENA_MAX_JOINTS */
  const char* const* joint_names; /* num_joints names in API order */
  double control_period;          /* seconds between step calls */
  /* Appended members: read them only when struct_size covers them. */
  const SimarenaRobotModel* model; /* the robot's model; valid during create() only (copy it) */
} SimarenaRobotInfo;

/* The local height map's grid (SimarenaCourseInfo.height_map). Cell (i, j)
 * is height_map[i * SIMARENA_HEIGHT_MAP_COLS + j]; its centre lies at
 *   x = (i - (SIMARENA_HEIGHT_MAP_ROWS - 1) / 2.0) * SIMARENA_HEIGHT_MAP_RESOLUTION  (forward)
 *   y = (j - (SIMARENA_HEIGHT_MAP_COLS - 1) / 2.0) * SIMARENA_HEIGHT_MAP_RESOLUTION  (left)
 * in the body's heading frame (origin at the base body, x along its heading,
 * z up): 48 x 32 cells of 3 cm, +-0.705 m ahead and behind, +-0.465 m to the
 * sides. A cell holds the height of the fixed ground at its centre minus the
 * base body's height (m, negative below the body), or NaN when no ground
 * lies within SIMARENA_HEIGHT_MAP_DEPTH below the body. Movable things
 * (hurdle bars) are not in it. */
#define SIMARENA_HEIGHT_MAP_ROWS 48
#define SIMARENA_HEIGHT_MAP_COLS 32
#define SIMARENA_HEIGHT_MAP_RESOLUTION 0.03f
#define SIMARENA_HEIGHT_MAP_DEPTH 2.0f

/* What the course tells the controller before each step, when the event's
 * rule set gives course information (`course_info: next_gate`, or
 * `height_map` in assisted events). Like a marker the robot could see: where
 * the next gate is, relative to the body; in assisted events also the ground
 * around it. Filled by the host; a controller only reads it. */
typedef struct SimarenaCourseInfo {
  uint32_t struct_size;    /* sizeof(SimarenaCourseInfo) of the host */
  int32_t available;       /* 0: this event gives controllers no course information (like the robot) */
  int32_t next_gate_index; /* index of the next gate to cross, -1 when all are crossed */
  int32_t gate_count;      /* gates in order: 0 start line, 1..n checkpoints, n+1 finish line */
  float next_gate_body[3]; /* next gate centre in the body's heading frame: x forward, y left, z up (m) */
  float next_gate_heading; /* course direction through that gate relative to the body's heading (rad) */
  float next_gate_width;   /* m; 0 on a field course, whose gates are the corners of its route, each
                              with the direction of the route leading into it */
  /* Appended members: read them only when struct_size covers them. */
  int32_t height_map_available; /* 1: height_map holds the ground around the body now; 0: blind event, all zero */
  float height_map[SIMARENA_HEIGHT_MAP_ROWS * SIMARENA_HEIGHT_MAP_COLS]; /* m, see SIMARENA_HEIGHT_MAP_ROWS */
  /* With the height map: the lowest clearance under a fixed overhead thing
   * (a contest's low bar; the height map leaves it out) from 0.3 m behind the
   * body to 1.0 m ahead, within 0.2 m of its centre line: the bar's underside
   * above the ground below it (m); NaN when nothing is overhead there. */
  float overhead_clearance;
} SimarenaCourseInfo;

/* ---- Host extensions ----------------------------------------------------
 *
 * Services, sensors and commands beyond RobotData and MotorCmd come as
 * named, versioned extensions. In `attach` a plugin asks the host for one:
 *
 *   const SimarenaLogExtension* log =
 *       host->extension(host->context, SIMARENA_LOG_EXTENSION, 1);
 *   if (log && log->struct_size >= sizeof(*log)) log->log(host->context, "hello");
 *
 * The host returns NULL for an extension it does not serve, or for a
 * version above the one it serves. Within one name, later versions only
 * append members (check struct_size before using one); an incompatible
 * change gets a new name. Every extension table starts with
 * SimarenaExtensionHeader. Call extension functions from the thread that
 * runs attach, step or set_course_info, during those calls. */
typedef struct SimarenaHost {
  uint32_t struct_size; /* sizeof(SimarenaHost) of the host */
  uint32_t abi_version; /* SIMARENA_CONTROLLER_ABI_VERSION of the host */
  void* context;        /* pass to every host function */
  /* The table of extension `name` at `version` or later, or NULL. */
  const void* (*extension)(void* context, const char* name, uint32_t version);
} SimarenaHost;

/* How every extension table starts. */
typedef struct SimarenaExtensionHeader {
  uint32_t struct_size; /* sizeof the host's table */
  uint32_t version;     /* the version the host serves (>= the one asked for) */
} SimarenaExtensionHeader;

/* Bounds on the messages (log lines, announcements) of one step, counted
 * together; a message sent in `attach` counts with the first step. Text is
 * cut at SIMARENA_MESSAGE_MAX_BYTES bytes; messages past the per-step
 * count are dropped (the host counts them). */
#define SIMARENA_MESSAGE_MAX_BYTES 240
#define SIMARENA_MESSAGES_PER_STEP 8

/* Return values of the message functions. */
#define SIMARENA_MESSAGE_ACCEPTED 0
#define SIMARENA_MESSAGE_DROPPED 1 /* over this step's count, NULL text, or an unknown object kind */

/* "simarena.log": one line of text for the run's log (diagnostics). */
#define SIMARENA_LOG_EXTENSION "simarena.log"
typedef struct SimarenaLogExtension {
  uint32_t struct_size;
  uint32_t version;
  int (*log)(void* context, const char* line); /* SIMARENA_MESSAGE_* */
} SimarenaLogExtension;

/* Kinds of object a controller can say it recognised (simarena.announce
 * version 2): the contest's targets and obstacles (docs/rules.md,
 * "Announcements"). */
#define SIMARENA_OBJECT_BOTTLE 1      /* the coke bottle (target) */
#define SIMARENA_OBJECT_ORANGE_BALL 2 /* a hanging orange ball (target) */
#define SIMARENA_OBJECT_FOOTBALL 3    /* the football (target) */
#define SIMARENA_OBJECT_LOW_BAR 4     /* a height-limit bar (obstacle) */
#define SIMARENA_OBJECT_CUBES 5       /* the impassable obstacle, two cubes */
#define SIMARENA_OBJECT_KIND_MAX 5

/* "simarena.announce": a short text said aloud to the referee, like the
 * robot's voice announcements ("target found"). Version 2 adds
 * `recognised`: the controller says which kind of object it recognised
 * (SIMARENA_OBJECT_*), with its words ("识别到可乐瓶"); on a course with
 * announcements the referee judges it against the object nearest ahead of
 * the robot. Both count as messages (SIMARENA_MESSAGES_PER_STEP); an
 * unknown kind is dropped. */
#define SIMARENA_ANNOUNCE_EXTENSION "simarena.announce"
typedef struct SimarenaAnnounceExtension {
  uint32_t struct_size;
  uint32_t version;
  int (*announce)(void* context, const char* text); /* SIMARENA_MESSAGE_* */
  /* Version 2. `words` may be NULL (none said). */
  int (*recognised)(void* context, int kind, const char* words); /* SIMARENA_MESSAGE_* */
} SimarenaAnnounceExtension;

/* "simarena.high_level": drive the robot through its own high-level
 * locomotion interface (the CyberDog 2's robot_control_cmd LCM messages:
 * modes, gaits, velocities, heights) instead of motor commands. A plugin that
 * lists "simarena.high_level/1" in its `extensions` is a high-level
 * controller: the host runs the robot's motion controller (stand up, lie
 * down, the gaits at their speed caps) under it, feeds it the frames the
 * plugin sends, and ignores the plugin's MotorCmd. Only such a plugin gets
 * this table. The structs are the robot's messages field for field
 * (docs/high-level-api.md); a frame is applied as the robot applies one
 * (a new life_count, a duration queue, a 0.5 s timeout). */
#define SIMARENA_HIGH_LEVEL_EXTENSION "simarena.high_level"
#define SIMARENA_HIGH_LEVEL_FRAMES_PER_STEP 4
/* Version 2: the longest user-gait text (send_gait_file), bytes. */
#define SIMARENA_HIGH_LEVEL_GAIT_FILE_MAX_BYTES 65536

/* robot_control_cmd_lcmt: what the program asks for. */
typedef struct SimarenaHighLevelCmd {
  int8_t mode;          /* 0 off, 7 lie down, 12 stand up, 3 pose, 11 locomotion, ... (-1: heartbeat only) */
  int8_t gait_id;       /* mode 11: 1 stand, 27 slow, 3 medium, 10 fast trot, ... */
  int8_t contact;       /* legs on the ground, bit0 FR .. bit3 RL */
  int8_t life_count;    /* applied only when it differs from the last applied frame's */
  float vel_des[3];     /* vx, vy (m/s), yaw rate (rad/s), body frame */
  float rpy_des[3];     /* rad */
  float pos_des[3];     /* m; pos_des[2]: body height in modes 3 and 21 */
  float acc_des[6];     /* jump accelerations */
  float ctrl_point[3];  /* m */
  float foot_pose[6];   /* m */
  float step_height[2]; /* swing height, front and rear (m) */
  int32_t value;        /* bit flags (bit1: vertical-leg gait) */
  int32_t duration;     /* ms; 0 = until replaced, >0 = queued step */
} SimarenaHighLevelCmd;

/* robot_control_response_lcmt: what the robot answers (50 Hz and on changes). */
typedef struct SimarenaHighLevelResponse {
  int8_t mode;              /* current mode */
  int8_t gait_id;           /* current gait */
  int8_t contact;           /* feet on the ground, bit0 FR .. bit3 RL */
  int8_t order_process_bar; /* % done of the current order */
  int8_t switch_status;     /* 0 done, 1 transitioning, 2 ESTOP, 3 EDAMP, 4 LIFTED, 5 BAN_TRANS (refused) */
  int8_t ori_error;         /* 1: tilt beyond the safe range */
  int16_t footpos_error;    /* workspace violations, 3 bits per leg */
  int32_t motor_error[12];  /* per-motor error bits; INT32_MIN when healthy */
} SimarenaHighLevelResponse;

/* localization_lcmt: the robot's odometry (channel global_to_robot, 50 Hz). */
typedef struct SimarenaLocalization {
  float xyz[3];       /* m, odometry frame (the start pose) */
  float vxyz[3];      /* m/s, odometry frame */
  float rpy[3];       /* rad */
  float omegaBody[3]; /* rad/s, body frame */
  float vBody[3];     /* m/s, body frame */
  int64_t timestamp;  /* ns of simulated time */
} SimarenaLocalization;

typedef struct SimarenaHighLevelExtension {
  uint32_t struct_size;
  uint32_t version;
  /* Sends one frame; the frames of one step reach the motion controller in
   * order after the step, at most SIMARENA_HIGH_LEVEL_FRAMES_PER_STEP (the
   * rest are dropped and counted). SIMARENA_MESSAGE_ACCEPTED or _DROPPED. */
  int (*send)(void* context, const SimarenaHighLevelCmd* frame);
  /* The robot's latest response and odometry as of the start of this step;
   * return 1, or 0 before the robot has published one (the first step). */
  int (*response)(void* context, SimarenaHighLevelResponse* out);
  int (*localization)(void* context, SimarenaLocalization* out);
  /* Version 2: the user gait (mode 11, gait 110). Sends `text` as the
   * robot's user_gait_file channel takes it (a "# Gait Def" schedule, or a
   * "# Gait Params" list for motion 62/110; docs/high-level-api.md); it reaches the motion controller before this
   * step's frames. One a step, at most SIMARENA_HIGH_LEVEL_GAIT_FILE_MAX_BYTES:
   * SIMARENA_MESSAGE_ACCEPTED, or _DROPPED (NULL, too long, or a second one). */
  int (*send_gait_file)(void* context, const char* text);
  /* The robot's answer to the last text (user_gait_result) as of the start
   * of this step: 0 accepted, 1 not, -1 none yet. */
  int (*gait_file_result)(void* context);
} SimarenaHighLevelExtension;

/* "simarena.script": the script a runtime plugin runs. A controller written
 * in a script language (`--controller my_ctrl.py`) is run by the plugin for
 * that language (the `python` plugin); the host hands it the script here.
 * The host returns this table only when it was given a script. */
#define SIMARENA_SCRIPT_EXTENSION "simarena.script"
typedef struct SimarenaScriptExtension {
  uint32_t struct_size;
  uint32_t version;
  /* The script's absolute path; the plugin may read this file, also in the
   * sandbox. Valid until `destroy`. */
  const char* (*path)(void* context);
} SimarenaScriptExtension;

/* "simarena.camera": the robot's cameras (docs/cameras.md). The robot's
 * robot.yaml declares them (name, kind, resolution, frame rate); the
 * simulator renders each camera a plugin opened, at the camera's own rate
 * in simulated time, from the state at that tick, and never otherwise.
 * Open cameras in `attach` (later calls return -1); a plugin that opens
 * none costs nothing. Each step, `frame` gives the latest captured image of
 * an opened camera. Images are deterministic: same build, same inputs,
 * same bytes. */
#define SIMARENA_CAMERA_EXTENSION "simarena.camera"
#define SIMARENA_CAMERAS_MAX 4

/* Pixel formats. */
#define SIMARENA_PIXELS_RGB8 1      /* 3 bytes per pixel, R, G, B */
#define SIMARENA_PIXELS_DEPTH_F32 2 /* float per pixel: depth along the optical axis, m; 0 = no return */

/* One captured image. Row 0 is the top of the image, column 0 its left
 * (as seen looking along the optical axis); rows are `stride` bytes. The
 * pinhole intrinsics are in pixels with pixel centres at whole numbers
 * (OpenCV's convention): a point (X right, Y down, Z forward) in the
 * camera frame lands at u = fx X/Z + cx, v = fy Y/Z + cy. */
typedef struct SimarenaCameraImage {
  uint32_t struct_size;  /* sizeof(SimarenaCameraImage) of the host */
  int32_t format;        /* SIMARENA_PIXELS_* */
  int32_t width, height; /* pixels */
  int32_t stride;        /* bytes per row */
  uint32_t sequence;     /* frames captured so far, this one included (1, 2, ...) */
  double capture_time;   /* s of match time of the state it shows */
  double fx, fy, cx, cy; /* pinhole intrinsics, pixels */
  double min_range;      /* depth: nearest valid reading, m (nearer reads 0) */
  double max_range;      /* depth: farthest valid reading, m (farther reads 0) */
  const void* pixels;    /* height * stride bytes; valid until this step returns */
} SimarenaCameraImage;

typedef struct SimarenaCameraExtension {
  uint32_t struct_size;
  uint32_t version;
  /* Number of cameras the robot has (SIMARENA_CAMERAS_MAX at most). */
  int (*count)(void* context);
  /* The name of camera `index` (robot.yaml's), or NULL. */
  const char* (*name)(void* context, int index);
  /* In attach only: asks for camera `name`; its index, or -1 (no such
   * camera, or called outside attach). */
  int (*open)(void* context, const char* name);
  /* The latest image of opened camera `index`: 1, or 0 when there is none
   * yet or the camera is not opened. */
  int (*frame)(void* context, int index, SimarenaCameraImage* out);
} SimarenaCameraExtension;

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

  /* Optional: the host extensions this plugin cannot run without, as
   * "name/version" strings ("simarena.log/1"), ending with NULL; NULL for
   * none. The host refuses to load a plugin asking for an extension or a
   * version it does not serve, naming it. Extensions a plugin can do
   * without need not be listed: it looks them up in `attach`. */
  const char* const* extensions;

  /* Optional: called once after `create`, before the first `step`, with the
   * host's service table (valid until `destroy`). Return 0, or nonzero with
   * a message in `error` to refuse to start. */
  int (*attach)(void* instance, const SimarenaHost* host, char* error, size_t error_size);
} SimarenaControllerApi;

/* Plugins export exactly this function (see SIMARENA_CONTROLLER_ENTRY). */
typedef const SimarenaControllerApi* (*SimarenaControllerEntry)(void);

/* The entry point, declared so a misspelled definition fails to compile
 * (define it with SIMARENA_CONTROLLER_ENTRY_POINT, or in C++ with
 * SIMARENA_EXPORT_CONTROLLER from <simarena/custom_interface.hpp>). */
SIMARENA_EXPORT const SimarenaControllerApi* simarena_controller_api(void);

/* Defines the entry point returning `table` (a SimarenaControllerApi with
 * static storage):  SIMARENA_CONTROLLER_ENTRY_POINT(my_table) */
#define SIMARENA_CONTROLLER_ENTRY_POINT(table) \
  SIMARENA_EXPORT const SimarenaControllerApi* simarena_controller_api(void) { return &(table); }

#ifdef __cplusplus
}
#endif

#endif /* SIMARENA_CONTROLLER_H */
