export { AccessTrail1732400970000 } from './access-trail.migration.js';
export { AccessTrailInterceptor } from './access-trail.interceptor.js';
export { AccessTrailController } from './access-trail.controller.js';
export { TRAIL_ROUTES, TRAIL_ACTIONS, matchTrailRoute, type TrailAction } from './trail-routes.js';
export { ProgressBar } from './progress-bar.js';
export {
  OPERATOR_HELP, compareProjections, logStats, replayDecision, runRebuildCompare, runReplay, runStats, summaryVi, type CliIo,
} from './operator-commands.js';
