// Where HollyGolfPose.jpg's keypoints are (180 × 240 image). Nose and neck are the reference's
// published OpenPose values (MobiledgeX §3.4); the rest were read off the image by eye (marked
// on an enlarged copy and checked) — the reference publishes only the first two and the last
// (RHeel [36.03, 213.72], which MoveNet lacks: its right ankle sits just above that heel).
export const HOLLY_EXPECTED: Readonly<Record<string, readonly [number, number]>> = {
  Nose: [81.45, 60.40],
  Neck: [62.35, 71.56],
  RWrist: [90, 127], // both hands on the grip
  LWrist: [90, 127],
  MidHip: [38, 118],
  RKnee: [44, 162],
  LKnee: [60, 157],
  LAnkle: [62, 196],
  RAnkle: [36.03, 213.72], // the reference's RHeel
};

/** 10 % of the image height, the tolerance the issue sets. */
export const HOLLY_TOLERANCE_PX = 24;
