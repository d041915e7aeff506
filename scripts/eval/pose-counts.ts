/**
 * The body images of the pose evaluation with their people counted by eye, and a sanity check of
 * reported keypoints. Pure.
 * @module
 */

/** `[file under tests/fixtures/, people]`: 6_bodies and the single-person photos counted by eye; the group photos by their faces counted by eye (reference notes: 3/3/3/4/5/4). */
export const POSE_BODY_COUNTS: readonly (readonly [string, number])[] = [
  ["6_bodies.jpg", 6],
  ["HollyGolfPose.jpg", 1],
  ["laptop_person.jpeg", 1],
  ["groups/sample1.jpg", 3],
  ["groups/sample2.jpg", 3],
  ["groups/sample3.jpg", 3],
  ["groups/sample4.jpg", 4],
  ["groups/sample5.jpg", 5],
  ["groups/sample6.jpg", 4],
];

/**
 * How many people look like bodies: at least 5 keypoints seen (score > 0), all of them inside
 * the image.
 *
 * @param people BODY_25 keypoints `[x, y, score]` per person.
 * @param width Image width.
 * @param height Image height.
 */
export function sanePeople(people: readonly (readonly (readonly number[])[])[], width: number, height: number): number {
  return people.filter((keypoints) => {
    const seen = keypoints.filter((k) => (k[2] ?? 0) > 0);
    return seen.length >= 5 && seen.every(([x = -1, y = -1]) => x >= 0 && x <= width && y >= 0 && y <= height);
  }).length;
}
