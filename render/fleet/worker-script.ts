// Where the compiled render worker is (render/compiled.ts says, at start). Without it, as under
// the TypeScript sources, render stays on the main thread. Its own module so that saying it loads
// nothing else.
let script: URL | undefined;

export function setFleetWorker(url: URL): void {
  script = url;
}

export function fleetWorker(): URL | undefined {
  return script;
}
