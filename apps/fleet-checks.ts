// The apps' own checks of the rendered environments, run by render and render --check at every run
// (also for environments served from the render cache): for what lies outside an environment's
// inputs, such as the Git refs the Alloy module is pulled from. Listed apart from the apps so that
// a render answered from its cache runs them without loading any app.
import type { FleetCheck } from '../lib/checks';
import { alloySourceCheck } from './alloy/source-check';

export const appFleetChecks: readonly FleetCheck[] = [alloySourceCheck];
