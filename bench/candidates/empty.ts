/** Candidate: Node.js itself (startup and exit of a process that loads nothing). */
import { report, sinceStart } from './report';

report({ loadedMs: sinceStart() });
