import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n/i18n';
import { checkPassNumber } from './pass-number';

/** How often a camera frame is read for a QR code: often enough to feel instant, rarely enough for a cheap tablet. */
const SCAN_INTERVAL_MS = 200;

type CameraStatus = 'loading' | 'scanning' | 'denied' | 'unavailable' | 'notAPass';

/**
 * The camera view that reads the pass's QR code. The decoder (and its wasm) is loaded only now;
 * the camera stops as soon as a pass number is read or the scanner is closed.
 */
export function CameraScanner({
  onScanned,
  onClose,
}: {
  onScanned: (passNumber: string) => void;
  onClose: () => void;
}) {
  const t = useT();
  const video = useRef<HTMLVideoElement>(null);
  const [status, setStatus] = useState<CameraStatus>('loading');

  useEffect(() => {
    let stopped = false;
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = () => {
      stopped = true;
      clearTimeout(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
    void (async () => {
      try {
        const [{ createQrDetector }, media] = await Promise.all([
          import('./barcode-decoder'),
          navigator.mediaDevices.getUserMedia({
            video: { facingMode: 'environment' },
            audio: false,
          }),
        ]);
        stream = media;
        if (stopped || !video.current) return stop();
        video.current.srcObject = media;
        await video.current.play();
        const detector = await createQrDetector();
        if (stopped) return;
        setStatus('scanning');
        const scan = async () => {
          if (stopped || !video.current) return;
          if (video.current.videoWidth > 0) {
            const codes = await detector.detect(video.current).catch(() => []);
            for (const code of codes) {
              const check = checkPassNumber(code.rawValue);
              if (check.status === 'valid') {
                stop();
                onScanned(check.number);
                return;
              }
              setStatus('notAPass');
            }
          }
          timer = setTimeout(() => void scan(), SCAN_INTERVAL_MS);
        };
        void scan();
      } catch (error) {
        console.error('camera scanner', error);
        if (!stopped)
          setStatus(
            error instanceof DOMException && error.name === 'NotAllowedError'
              ? 'denied'
              : 'unavailable',
          );
        stop();
      }
    })();
    return stop;
  }, [onScanned]);

  const messages: Record<CameraStatus, string> = {
    loading: t('kassa.camera.loading'),
    scanning: t('kassa.camera.scanning'),
    denied: t('kassa.camera.denied'),
    unavailable: t('kassa.camera.unavailable'),
    notAPass: t('kassa.camera.notAPass'),
  };
  return (
    <div className="camera">
      <video
        ref={video}
        className="camera__video"
        muted
        playsInline
        aria-label={t('kassa.camera.label')}
      />
      <p
        role="status"
        className={status === 'denied' || status === 'unavailable' ? 'field__error' : 'field__hint'}
      >
        {messages[status]}
      </p>
      <button type="button" className="button-secondary" onClick={onClose}>
        {t('kassa.camera.stop')}
      </button>
    </div>
  );
}
