// Photo screen rules, kept pure for tests: which photos may be compared, the order of a
// comparison, and stepping through photos in full screen.
import type { Photo, ViewTimeline } from './types';

/** Toggles `id` in a compare selection of at most two: a third pick replaces the oldest pick. */
export function toggleSelection(selected: string[], id: string): string[] {
  if (selected.includes(id)) return selected.filter((s) => s !== id);
  return [...selected, id].slice(-2);
}

/** Why two photos cannot be compared, or null when they can (same client, same view). */
export function compareProblem(photos: Photo[]): 'pick_two' | 'different_views' | null {
  if (photos.length !== 2) return 'pick_two';
  if (photos[0].view !== photos[1].view || photos[0].client_id !== photos[1].client_id) return 'different_views';
  return null;
}

/** Every photo of the timeline in display order (view by view, oldest first). */
export function flatten(timeline: ViewTimeline[]): Photo[] {
  return timeline.flatMap((v) => v.photos);
}

/** The index after stepping `delta` from `index` in a list of `length`, wrapping around. */
export function step(index: number, delta: number, length: number): number {
  if (length === 0) return 0;
  return (((index + delta) % length) + length) % length;
}

/** Whether a file looks like an image the core accepts (it checks the bytes too). */
export function acceptedImage(file: { name: string; type: string }): boolean {
  return /^image\/(jpeg|png|webp)$/.test(file.type) || /\.(jpe?g|png|webp)$/i.test(file.name);
}
