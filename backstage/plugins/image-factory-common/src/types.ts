// The JSON of Image Factory's API (docs/api.md), as `image-factory serve` and the Jenkins plugin
// answer it. Fields the server leaves out when empty are optional here.

/** `GET /api/v1/images` row and `summary` of `GET /api/v1/images/{name}`. */
export interface ImageRow {
  ref: string;
  role: 'managed' | 'base' | 'managed+base';
  enrollment?: string;
  owner?: string;
  digest?: string;
  refDigest?: string;
  updatedAt?: string;
  rebuildStatus?: string;
  rebuildDue?: string;
  rebuildCauses?: string[];
  /** The rebuild status in one line of words, as the CLI and the dashboard say it. */
  rebuildSummary?: string;
  waitingOn?: string;
  updates?: BaseUpdate[];
  urgent?: boolean;
  urgentReason?: string;
  /** `dispatching`, `triggered`, `running`, `succeeded`, `failed` or `timed-out`. */
  lastBuildStatus?: string;
  lastBuildUrl?: string;
  lastBuildAt?: string;
  lastBuildFinishedAt?: string;
  lastBuildKey?: string;
  lastBuildMessage?: string;
  buildTimeoutAt?: string;
  breakerOpen: boolean;
  error?: string;
  /** `check` (the registry check failed; the digest is as of `lastGoodCheck`) or `discovery` (the Dockerfile). */
  errorKind?: string;
  errorSince?: string;
  lastGoodCheck?: string;
  dependencies?: string[];
  dependents?: string[];
  source?: string;
  dockerfile?: string;
  buildSystem?: string;
  rebuildDelay?: string;
  autoRebuild?: boolean;
  /** At a glance: `failing`, `running`, `pending`, `ok`, or `base` (not built here). */
  standing?: string;
}

/**
 * `GET /api/v1/images?page=&per_page=&q=&role=&status=`: one page of the rows matching the filters,
 * in Image Factory's order. The backend plugin's `/images` answers the same shape, counting only
 * the rows the caller may read.
 */
export interface ImagePage {
  images: ImageRow[];
  /** 1-based. */
  page: number;
  perPage: number;
  /** Rows matching the filters on all pages; a page past the last one has no `images` but the `total`. */
  total: number;
  hasNext: boolean;
}

/** A newer base digest an image has not been built on yet. */
export interface BaseUpdate {
  base: string;
  oldDigest?: string;
  newDigest: string;
  since?: string;
  eligibleAt?: string;
}

/** One digest an image had. */
export interface DigestRecord {
  digest: string;
  firstSeen?: string;
  pushedAt?: string;
  detectedBy?: string;
}

/** One build Image Factory triggered or was told about. */
export interface BuildRecord {
  key?: string;
  status: string;
  requestedAt?: string;
  finishedAt?: string;
  actor?: string;
  reason?: string;
  buildSystem?: string;
  runUrl?: string;
  digest?: string;
  message?: string;
  urgent?: boolean;
}

/** `GET /api/v1/images/{name}`. */
export interface ImageDetail {
  summary: ImageRow;
  history?: DigestRecord[];
  builds?: BuildRecord[];
}

/** One tag of `GET /api/v1/images/{name}/tags`. */
export interface TagInfo {
  tag: string;
  digest?: string;
  size?: number;
  published?: string;
  /** The full reference with its digest, ready to copy: `ghcr.io/acme/app:v1@sha256:…`. */
  reference?: string;
}

/** `GET /api/v1/images/{name}/tags?page=&per_page=`: newest first where the registry gives dates. */
export interface TagPage {
  tags: TagInfo[];
  page: number;
  perPage: number;
  hasNext: boolean;
  datesKnown: boolean;
  /** When Image Factory fetched this page from the registry; it keeps a page for `tags.cacheTtl`. */
  fetchedAt?: string;
  /** How old the page is: 0 when just fetched. */
  ageSeconds?: number;
  /** True when the page is older than its time to live because the registry failed to answer. */
  stale: boolean;
  registryError?: string;
}

/** One workflow run of `GET /api/v1/images/{name}/runs`. */
export interface RunInfo {
  id: number;
  status: string;
  conclusion?: string;
  headSha?: string;
  createdAt?: string;
  durationSeconds?: number;
  url?: string;
  title?: string;
}

/** `GET /api/v1/images/{name}/runs?page=&per_page=`: newest first. */
export interface RunPage {
  runs: RunInfo[];
  page: number;
  perPage: number;
  totalCount: number;
}

/** Body of `POST /api/v1/images/{name}/rebuild`; an urgent rebuild skips the delay and needs a reason. */
export interface RebuildRequest {
  urgent?: boolean;
  reason?: string;
  /** Limit the urgency to one base: its canonical reference. */
  base?: string;
}

/** Its `202` answer: the request is a commit in the config repo; the next sync cycle triggers it. */
export interface RebuildAccepted {
  image: string;
  urgent: boolean;
  commit?: string;
  message: string;
}
