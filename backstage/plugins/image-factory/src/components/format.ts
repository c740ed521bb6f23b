/** `sha256:2222…` shortened to what people compare by eye: `sha256:222222222222`. */
export function shortDigest(digest: string | undefined): string {
  if (!digest) {
    return '';
  }
  const [algorithm, hex] = digest.split(':', 2);
  return hex ? `${algorithm}:${hex.slice(0, 12)}` : digest;
}

/** Bytes in binary units with one decimal: `30.0 MiB`. */
export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined || bytes === null) {
    return '';
  }
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** Seconds as `45s`, `2m 05s`, `1h 02m`. */
export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined || seconds === null) {
    return '';
  }
  if (seconds < 60) {
    return `${seconds}s`;
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
  }
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}

/** An ISO-8601 instant as the reader's local date and time; the ISO text stays in `title`. */
export function formatTime(iso: string | undefined): string {
  if (!iso) {
    return '';
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

/** The age of a cached answer: `7 minutes`. */
export function formatAge(seconds: number | undefined): string {
  if (seconds === undefined) {
    return 'an unknown time';
  }
  if (seconds < 90) {
    return `${seconds} seconds`;
  }
  if (seconds < 90 * 60) {
    return `${Math.round(seconds / 60)} minutes`;
  }
  return `${Math.round(seconds / 3600)} hours`;
}
