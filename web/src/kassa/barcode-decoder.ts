// Loaded only when the camera is used (a dynamic import from CameraScanner): the library decoder and
// its WebAssembly do not weigh on the counter's first load.
import {
  BarcodeDetector as BarcodeDetectorPonyfill,
  prepareZXingModule,
} from 'barcode-detector/ponyfill';
import zxingReaderWasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

export interface QrDetector {
  detect(source: HTMLVideoElement): Promise<Array<{ rawValue: string }>>;
}

interface NativeBarcodeDetector {
  new (options: { formats: string[] }): QrDetector;
  getSupportedFormats(): Promise<string[]>;
}

/**
 * The browser's own BarcodeDetector where it reads QR codes (Android Chrome), else the zxing
 * ponyfill with its wasm from our own server (never a CDN: the CSP allows only 'self').
 */
export async function createQrDetector(): Promise<QrDetector> {
  const native = (globalThis as { BarcodeDetector?: NativeBarcodeDetector }).BarcodeDetector;
  if (native && (await native.getSupportedFormats().catch((): string[] => [])).includes('qr_code'))
    return new native({ formats: ['qr_code'] });
  await prepareZXingModule({
    overrides: {
      locateFile: (file: string, prefix: string) =>
        file.endsWith('.wasm') ? zxingReaderWasmUrl : prefix + file,
    },
    fireImmediately: true,
  });
  return new BarcodeDetectorPonyfill({ formats: ['qr_code'] });
}
