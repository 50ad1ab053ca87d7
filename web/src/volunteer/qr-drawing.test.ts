import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { readQrSvg } from './qr-drawing';

describe('readQrSvg', () => {
  it('keeps the size and the dark modules of the SVG the server draws (qrcode, margin 2)', async () => {
    const svg = await QRCode.toString('441709236618', {
      type: 'svg',
      errorCorrectionLevel: 'M',
      margin: 2,
    });
    const drawing = readQrSvg(svg);
    const modules = QRCode.create('441709236618', { errorCorrectionLevel: 'M' }).modules.size;
    expect(drawing.size).toBe(modules + 4);
    expect(drawing.modulesPath).toMatch(/^M2 2\.5h7/);
  });

  it('refuses anything but a square SVG with one path of plain strokes', () => {
    expect(() => readQrSvg('<html><body>no</body></html>')).toThrow('square SVG');
    expect(() =>
      readQrSvg(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 29 30"><path stroke="#000" d="M0 0h1"/></svg>',
      ),
    ).toThrow('square SVG');
    expect(() =>
      readQrSvg(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 29 29"><path fill="#fff" d="M0 0h29v29H0z"/></svg>',
      ),
    ).toThrow('single path');
    expect(() =>
      readQrSvg(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 29 29"><path stroke="#000" d="M0 0 C 1 1 url(x)"/></svg>',
      ),
    ).toThrow('single path');
  });
});
