/**
 * The server draws the pass's QR code (GET /passes/:number/qr?format=svg). The page needs it as an
 * element of its own: an <img> cannot send the bearer token, and markup injected from a response
 * is not something the app does. So the server's SVG is read, only its size and the path of the
 * dark modules are kept, and the page draws them itself (with its own accessible name).
 */
export interface QrDrawing {
  /** Modules per side, the server's quiet zone included. */
  size: number;
  /** The dark modules as an SVG path of horizontal strokes (M, h, m, v, z commands only). */
  modulesPath: string;
}

/** Path data of moves and straight lines only: nothing a path could do beyond drawing squares. */
const PLAIN_PATH = /^[MmHhVvZz0-9.\s-]+$/;
const VIEW_BOX = /^0 0 (\d+) (\d+)$/;

export function readQrSvg(svgText: string): QrDrawing {
  const document = new DOMParser().parseFromString(svgText, 'image/svg+xml');
  const svg = document.documentElement;
  const viewBox = VIEW_BOX.exec(svg.getAttribute('viewBox') ?? '');
  if (svg.localName !== 'svg' || !viewBox || viewBox[1] !== viewBox[2])
    throw new Error('the QR code is not a square SVG');
  const strokes = [...svg.querySelectorAll('path[stroke]')].map(
    (path) => path.getAttribute('d') ?? '',
  );
  if (strokes.length !== 1 || !PLAIN_PATH.test(strokes[0]))
    throw new Error('the QR code has no single path of dark modules');
  return { size: Number(viewBox[1]), modulesPath: strokes[0] };
}
