// Writes a Y4M video (the format Chromium's fake camera reads) showing one QR code: the demo pass
// held still in front of the camera. Usage: node scripts/fake-camera.mjs <text> <out.y4m>
import { writeFileSync } from 'node:fs';
import QRCode from 'qrcode';

const WIDTH = 640;
const HEIGHT = 480;
const MODULE_PX = 8;
const FRAMES = 10;
const WHITE = 255;
const BLACK = 0;
const CHROMA_NEUTRAL = 128;

export function fakeCameraVideo(text) {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const luma = Buffer.alloc(WIDTH * HEIGHT, WHITE);
  const side = modules.size * MODULE_PX;
  const left = Math.floor((WIDTH - side) / 2);
  const top = Math.floor((HEIGHT - side) / 2);
  for (let row = 0; row < modules.size; row += 1) {
    for (let column = 0; column < modules.size; column += 1) {
      if (!modules.get(row, column)) continue;
      for (let y = 0; y < MODULE_PX; y += 1)
        luma.fill(
          BLACK,
          (top + row * MODULE_PX + y) * WIDTH + left + column * MODULE_PX,
          (top + row * MODULE_PX + y) * WIDTH + left + (column + 1) * MODULE_PX,
        );
    }
  }
  const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2), CHROMA_NEUTRAL);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma, chroma]);
  return Buffer.concat([
    Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F10:1 Ip A1:1 C420jpeg\n`),
    ...Array(FRAMES).fill(frame),
  ]);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const [text, output] = process.argv.slice(2);
  writeFileSync(output, fakeCameraVideo(text));
}
