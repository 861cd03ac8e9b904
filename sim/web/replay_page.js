// simarena's HTML replay player (embedded by `simarena export --html`; the
// data format is in docs/html-replays.md). Every text the page shows of its
// own comes with the data (`text`), in the language it was exported in
// (sim/src/playback/html_replay_text.cpp, translated by sim/po/). Text that
// comes from the replay (names, messages) is only ever set with textContent.

const $ = (id) => document.getElementById(id);
const data = JSON.parse($('replay-data').textContent);
const TEXT = Object.assign({}, data.text, {
  // split/join, not replace: a name holding "$&" stays as written.
  heading: (controller, arena) => data.text.heading.split('{controller}').join(controller).split('{arena}').join(arena),
  penalty_count: (n, s) => `${s.toFixed(1)} s (${n})`,
});
const hook = document.body.dataset;  // read by the browser test (tests/browser/)
hook.ready = 'loading';

function fail(message) {
  $('error').style.display = 'block';
  $('error').textContent = message;
  hook.ready = 'error: ' + message;
}

function decodeBase64(text) {
  const bytes = atob(text);
  const view = new DataView(new ArrayBuffer(bytes.length));
  for (let i = 0; i < bytes.length; ++i) view.setUint8(i, bytes.charCodeAt(i));
  return view;
}

function seconds(t) { return t.toFixed(2) + ' s'; }

async function start() {
  for (const el of document.querySelectorAll('[data-text]')) el.textContent = TEXT[el.dataset.text];
  $('camera').options[0].textContent = TEXT.follow;
  $('camera').options[1].textContent = TEXT.orbit;
  $('hint').textContent = TEXT.hint;
  $('heading').textContent = TEXT.heading(data.controller, data.arena);
  showBadge();

  const threeUrl = URL.createObjectURL(new Blob([$('three-js').textContent], {type: 'text/javascript'}));
  const THREE = await import(threeUrl);
  let renderer;
  try {
    renderer = new THREE.WebGLRenderer({canvas: $('view'), antialias: true, preserveDrawingBuffer: true});
  } catch (e) {
    fail(TEXT.no_webgl);
    return;
  }
  const player = new Player(THREE, renderer);
  player.run();
}

function showBadge() {
  const v = data.verification;
  const badge = $('badge');
  const mark = document.createElement('div');
  mark.className = 'mark';
  const detail = document.createElement('div');
  if (v.status === 'verified') {
    badge.className = 'panel verified';
    mark.textContent = TEXT.verified;
    detail.textContent = TEXT.verified_detail;
    const hash = document.createElement('div');
    hash.className = 'hash';
    hash.textContent = v.final_state_hash;
    badge.append(mark, detail, hash);
  } else {
    badge.className = 'panel unverified';
    mark.textContent = v.status === 'incomplete' ? TEXT.incomplete : TEXT.not_verified;
    detail.textContent = v.message;
    badge.append(mark, detail);
  }
  hook.verification = v.status;
}

class Player {
  constructor(THREE, renderer) {
    this.THREE = THREE;
    this.renderer = renderer;
    this.period = data.control_period_s;
    this.frameTicks = data.frame_ticks;
    this.frameProgress = data.frame_progress_mm || [];
    this.duration = this.frameTicks[this.frameTicks.length - 1] * this.period;
    this.bodyCount = data.bodies;
    this.decodePoses();
    this.scene = new THREE.Scene();
    this.scene.background = new THREE.Color(0xb8c8d8);
    this.camera = new THREE.PerspectiveCamera(50, 1, 0.02, 500);
    this.camera.up.set(0, 0, 1);  // MuJoCo's z is up
    this.addLights();
    this.bodies = [];
    for (let b = 0; b < this.bodyCount; ++b) {
      const group = new THREE.Group();
      this.scene.add(group);
      this.bodies.push(group);
    }
    for (const geom of data.scene.geoms) this.addGeom(geom);
    this.t = 0;
    this.playing = false;
    this.speed = 1;
    this.orbit = {yaw: -2.3, pitch: 0.35, distance: 2.2};
    this.followEye = null;
    this.setupControls();
    this.setupTimeline();
    this.resize();
    window.addEventListener('resize', () => this.resize());
  }

  decodePoses() {
    const view = decodeBase64(data.poses);
    const n = view.byteLength / 2;
    this.poses = new Float32Array(n);
    const scale = data.position_scale_m;
    for (let i = 0; i < n; ++i) {
      const v = view.getInt16(2 * i, true);
      this.poses[i] = i % 7 < 3 ? v * scale : v / 32767;
    }
  }

  addLights() {
    const THREE = this.THREE;
    this.scene.add(new THREE.HemisphereLight(0xffffff, 0x556070, 1.6));
    const sun = new THREE.DirectionalLight(0xffffff, 2.0);
    sun.position.set(3, -4, 8);
    this.scene.add(sun);
  }

  geometry(geom) {
    const THREE = this.THREE;
    const [a, b, c] = geom.size;
    switch (geom.type) {
      case 'box': return new THREE.BoxGeometry(2 * a, 2 * b, 2 * c);
      case 'sphere': return new THREE.SphereGeometry(a, 24, 16);
      case 'ellipsoid': return new THREE.SphereGeometry(1, 24, 16).scale(a, b, c);
      case 'capsule': return new THREE.CapsuleGeometry(a, 2 * b, 8, 16).rotateX(Math.PI / 2);
      case 'cylinder': return new THREE.CylinderGeometry(a, a, 2 * b, 24).rotateX(Math.PI / 2);
      case 'plane': return new THREE.PlaneGeometry(a > 0 ? 2 * a : 200, b > 0 ? 2 * b : 200);
      case 'mesh': return this.meshGeometry(data.scene.meshes[geom.mesh]);
      case 'hfield': return this.hfieldGeometry(data.scene.hfields[geom.hfield]);
    }
    return null;
  }

  meshGeometry(mesh) {
    const THREE = this.THREE;
    const v = decodeBase64(mesh.vertices), f = decodeBase64(mesh.triangles);
    const positions = new Float32Array(v.byteLength / 4);
    for (let i = 0; i < positions.length; ++i) positions[i] = v.getFloat32(4 * i, true);
    const index = new Uint32Array(f.byteLength / 4);
    for (let i = 0; i < index.length; ++i) index[i] = f.getUint32(4 * i, true);
    const g = new THREE.BufferGeometry();
    g.setAttribute('position', new THREE.BufferAttribute(positions, 3));
    g.setIndex(new THREE.BufferAttribute(index, 1));
    const flat = g.toNonIndexed();
    flat.computeVertexNormals();
    return flat;
  }

  // MuJoCo's heightfield: rows along y (from -y to +y), columns along x, heights 0..1 times the top elevation.
  hfieldGeometry(h) {
    const THREE = this.THREE;
    const [rx, ry, top] = h.size;
    const heights = decodeBase64(h.heights);
    const g = new THREE.PlaneGeometry(2 * rx, 2 * ry, h.cols - 1, h.rows - 1);
    const pos = g.attributes.position;
    for (let iy = 0; iy < h.rows; ++iy)
      for (let ix = 0; ix < h.cols; ++ix) {
        const row = h.rows - 1 - iy;  // PlaneGeometry starts at +y
        pos.setZ(iy * h.cols + ix, heights.getUint16(2 * (row * h.cols + ix), true) / 65535 * top);
      }
    g.computeVertexNormals();
    return g;
  }

  addGeom(geom) {
    const THREE = this.THREE;
    const shape = this.geometry(geom);
    if (!shape) return;
    const [r, g, b, alpha] = geom.rgba;
    const color = new THREE.Color().setRGB(r, g, b, THREE.SRGBColorSpace);
    const material = new THREE.MeshLambertMaterial({color, transparent: alpha < 1, opacity: alpha,
                                                    side: geom.type === 'plane' ? THREE.DoubleSide : THREE.FrontSide});
    const mesh = new THREE.Mesh(shape, material);
    mesh.position.set(...geom.pos);
    const [w, x, y, z] = geom.quat;
    mesh.quaternion.set(x, y, z, w);
    if (geom.type === 'plane') material.map = this.checker(geom.size);
    (geom.body >= 0 ? this.bodies[geom.body] : this.scene).add(mesh);
  }

  // Squares of 1 m on a plane, as MuJoCo's own viewer draws its floor, so motion shows in the follow camera.
  checker([a, b]) {
    const THREE = this.THREE;
    const texture = new THREE.DataTexture(new Uint8Array([255, 255, 255, 255, 200, 204, 210, 255,
                                                          200, 204, 210, 255, 255, 255, 255, 255]), 2, 2);
    texture.wrapS = texture.wrapT = THREE.RepeatWrapping;
    texture.magFilter = THREE.NearestFilter;
    texture.colorSpace = THREE.SRGBColorSpace;
    texture.repeat.set(a > 0 ? a : 100, b > 0 ? b : 100);
    texture.needsUpdate = true;
    return texture;
  }

  // The frame index at or before simulated time t, and the fraction towards the next.
  frameAt(t) {
    const tick = t / this.period;
    const ticks = this.frameTicks;
    let lo = 0, hi = ticks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ticks[mid] <= tick) lo = mid; else hi = mid - 1;
    }
    if (lo >= ticks.length - 1) return [ticks.length - 1, 0];
    return [lo, (tick - ticks[lo]) / (ticks[lo + 1] - ticks[lo])];
  }

  pose(t) {
    const THREE = this.THREE;
    const [frame, f] = this.frameAt(t);
    const next = Math.min(frame + 1, this.frameTicks.length - 1);
    const q0 = new THREE.Quaternion(), q1 = new THREE.Quaternion();
    for (let b = 0; b < this.bodyCount; ++b) {
      const i = (frame * this.bodyCount + b) * 7, j = (next * this.bodyCount + b) * 7;
      const p = this.poses;
      this.bodies[b].position.set(p[i] + f * (p[j] - p[i]), p[i + 1] + f * (p[j + 1] - p[i + 1]),
                                  p[i + 2] + f * (p[j + 2] - p[i + 2]));
      q0.set(p[i + 4], p[i + 5], p[i + 6], p[i + 3]).normalize();
      q1.set(p[j + 4], p[j + 5], p[j + 6], p[j + 3]).normalize();
      this.bodies[b].quaternion.slerpQuaternions(q0, q1, f);
    }
    hook.frame = frame;
  }

  aimCamera() {
    const THREE = this.THREE;
    const target = this.bodies[data.base_body].position;
    if ($('camera').value === 'follow') {
      const wanted = new THREE.Vector3(target.x - 1.6, target.y - 1.4, target.z + 0.7);
      if (!this.followEye || !this.playing) this.followEye = wanted.clone();
      this.followEye.lerp(wanted, 0.15);
      this.camera.position.copy(this.followEye);
    } else {
      const o = this.orbit;
      this.camera.position.set(target.x + o.distance * Math.cos(o.pitch) * Math.cos(o.yaw),
                               target.y + o.distance * Math.cos(o.pitch) * Math.sin(o.yaw),
                               target.z + o.distance * Math.sin(o.pitch));
    }
    this.camera.lookAt(target);
  }

  setupControls() {
    $('play').addEventListener('click', () => this.setPlaying(!this.playing));
    $('speed').addEventListener('change', () => { this.speed = Number($('speed').value); });
    $('scrub').max = this.duration;
    $('scrub').step = this.period;
    $('scrub').addEventListener('input', () => this.seek(Number($('scrub').value)));
    window.addEventListener('keydown', (e) => {
      if (e.key === ' ') { this.setPlaying(!this.playing); e.preventDefault(); }
      if (e.key === 'ArrowRight') this.seek(this.t + 1);
      if (e.key === 'ArrowLeft') this.seek(this.t - 1);
    });
    const view = $('view');
    let drag = null;
    view.addEventListener('pointerdown', (e) => { drag = [e.clientX, e.clientY]; $('camera').value = 'orbit'; });
    window.addEventListener('pointerup', () => { drag = null; });
    window.addEventListener('pointermove', (e) => {
      if (!drag) return;
      this.orbit.yaw -= (e.clientX - drag[0]) * 0.008;
      this.orbit.pitch = Math.max(-0.2, Math.min(1.5, this.orbit.pitch + (e.clientY - drag[1]) * 0.006));
      drag = [e.clientX, e.clientY];
    });
    view.addEventListener('wheel', (e) => {
      this.orbit.distance = Math.max(0.4, Math.min(40, this.orbit.distance * Math.exp(e.deltaY * 0.001)));
      $('camera').value = 'orbit';
      e.preventDefault();
    }, {passive: false});
    // #play&speed=2&camera=orbit&t=3 in the address starts there (links, the browser test).
    const options = new URLSearchParams(location.hash.slice(1));
    if (options.has('speed')) { this.speed = Number(options.get('speed')) || 1; $('speed').value = String(this.speed); }
    if (options.get('camera') === 'orbit') $('camera').value = 'orbit';
    if (options.has('t')) this.seek(Number(options.get('t')) || 0);
    this.setPlaying(options.has('play'));
  }

  setupTimeline() {
    this.events = data.events.filter((e) => e.name !== 'message' || e.detail);
    const marks = $('marks'), list = $('event-list');
    this.eventItems = [];
    for (const e of this.events) {
      const label = e.detail ? `${e.name}: ${e.detail}` : e.name;
      const mark = document.createElement('span');
      mark.style.left = `${(100 * Math.min(e.t, this.duration)) / Math.max(this.duration, 1e-9)}%`;
      mark.className = this.penaltyAt(e) ? 'penalty' : ['start', 'checkpoint', 'finish'].includes(e.name) ? 'gate'
          : ['timeout', 'disqualified', 'stopped'].includes(e.name) ? 'end' : '';
      mark.title = `${seconds(e.t)} ${label}`;
      mark.addEventListener('click', () => this.seek(e.t));
      marks.append(mark);
      const item = document.createElement('li');
      const time = document.createElement('span');
      time.className = 't';
      time.textContent = seconds(e.t);
      item.append(time, document.createTextNode(label));
      item.addEventListener('click', () => this.seek(e.t));
      list.append(item);
      this.eventItems.push(item);
    }
  }

  penaltyAt(e) {
    const score = data.score;
    return e.source === 'referee' && score && score.penalties.some((p) => p.t === e.t && p.type === e.name);
  }

  setPlaying(playing) {
    if (playing && this.t >= this.duration) this.t = 0;
    this.playing = playing;
    $('play').textContent = playing ? TEXT.pause : TEXT.play;
    hook.playing = playing ? 'yes' : 'no';
  }

  seek(t) {
    this.t = Math.max(0, Math.min(this.duration, t));
    this.followEye = null;
  }

  showScore() {
    const t = this.t, score = data.score;
    $('match-time').textContent = seconds(t);
    $('clock').textContent = `${seconds(t)} / ${seconds(this.duration)}`;
    $('scrub').value = t;
    hook.time = t.toFixed(3);
    // The referee's progress as sampled with the poses; events give it where frames do not (older pages).
    let progress = this.frameProgress.length ? this.frameProgress[this.frameAt(t)[0]] / 1000 : 0;
    for (const e of this.events) if (e.t <= t && e.source === 'referee') progress = Math.max(progress, e.progress);
    if (!score) {
      $('course-time').textContent = '—';
      $('progress').textContent = '—';
      $('penalties').textContent = '—';
      $('final').textContent = TEXT.no_referee;
    } else {
      const courseEnd = score.started ? score.start_time_s + score.course_time_s : 0;
      const course = !score.started || t < score.start_time_s ? null : Math.min(t, courseEnd) - score.start_time_s;
      $('course-time').textContent = course === null ? TEXT.not_started : seconds(course);
      hook.courseTime = course === null ? '' : course.toFixed(3);
      $('progress').textContent = progress.toFixed(2) + ' m';
      const due = score.penalties.filter((p) => p.t <= t);
      $('penalties').textContent = TEXT.penalty_count(due.length, due.reduce((s, p) => s + p.seconds, 0));
      // A course scored by points: the points so far and the latest deduction, restart or skip.
      const byPoints = Array.isArray(score.point_items);
      $('points-row').hidden = !byPoints;
      if (byPoints) {
        const got = score.point_items.filter((p) => p.t <= t);
        const latest = got.filter((p) => p.type !== 'segment_passed').pop();
        $('points').textContent = String(got.reduce((s, p) => s + p.points, 0)) +
            (latest ? ` (${latest.points < 0 ? latest.points : latest.type}: ${latest.detail})` : '');
      }
      $('final').textContent = t >= this.duration
          ? `${TEXT.final}: ${TEXT.result[score.result] || score.result}, ` +
            (byPoints ? `${score.points} ${TEXT.points_unit}, ` : '') +
            `${seconds(score.total_time_s)} ${TEXT.total}` +
            ` (${seconds(score.course_time_s)} + ${seconds(score.penalty_s)}), ${score.progress_m.toFixed(2)} m`
          : '';
    }
    let latest = -1;
    this.eventItems.forEach((item, i) => {
      const future = this.events[i].t > t;
      item.classList.toggle('future', future);
      if (!future) latest = i;
    });
    if (latest !== this.latestEvent && latest >= 0) {  // keep the latest event in sight in the list
      const panel = $('events'), item = this.eventItems[latest];
      panel.scrollTop = Math.max(0, item.offsetTop - panel.clientHeight / 2);
    }
    this.latestEvent = latest;
  }

  resize() {
    const canvas = $('view');
    const width = canvas.clientWidth || window.innerWidth, height = canvas.clientHeight || window.innerHeight;
    this.renderer.setSize(width, height, false);
    this.camera.aspect = width / Math.max(height, 1);
    this.camera.updateProjectionMatrix();
  }

  // Distinct colours in a grid of pixels: the browser test's "the canvas is not blank".
  sampleCanvas() {
    const gl = this.renderer.getContext();
    const pixel = new Uint8Array(4), seen = new Set();
    for (let i = 1; i < 8; ++i)
      for (let j = 1; j < 8; ++j) {
        gl.readPixels(Math.floor((gl.drawingBufferWidth * i) / 8), Math.floor((gl.drawingBufferHeight * j) / 8), 1, 1,
                      gl.RGBA, gl.UNSIGNED_BYTE, pixel);
        seen.add(pixel.join(','));
      }
    hook.canvasColors = seen.size;
  }

  frame(now) {
    // At most 1 s per frame: a page coming back from a hidden tab continues where it was.
    const elapsed = this.last === undefined ? 0 : Math.min(1, (now - this.last) / 1000);
    this.last = now;
    if (this.playing) {
      this.t = Math.min(this.duration, this.t + elapsed * this.speed);
      if (this.t >= this.duration) this.setPlaying(false);
    }
    this.pose(this.t);
    this.aimCamera();
    this.renderer.render(this.scene, this.camera);
    this.showScore();
    const base = this.bodies[data.base_body].position;
    hook.base = [base.x, base.y, base.z].map((v) => v.toFixed(3)).join(' ');
    if (!this.sampled || now - this.sampled > 500) {
      this.sampleCanvas();
      this.sampled = now;
    }
    hook.ready = 'yes';
    requestAnimationFrame((t) => this.frame(t));
  }

  run() {
    requestAnimationFrame((t) => this.frame(t));
  }
}

start().catch((e) => fail(TEXT.broken + e));
