// How much of its command's code this run of the compiled CLI ran, for V8's code cache
// (bin/load-compiled.mjs): a `render --check` answered entirely from the render cache, or a worker
// that only compared files, compiles a small part of the program, and a code cache made from that
// run would leave every later full render compiling the rest from source. Such a run is partial;
// its cache is kept only until a full run makes a better one. Commands without a fast path are full.
export type RunExtent = 'full' | 'partial';

let extent: RunExtent = 'full';

export function setRunExtent(next: RunExtent): void {
  extent = next;
}

export function runExtent(): RunExtent {
  return extent;
}
