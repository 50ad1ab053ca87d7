import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { useT } from '../i18n/i18n';
import { readQrSvg } from './qr-drawing';
import { volunteerKeys } from './volunteer-data';

/** Modules of white around the code: the scanning standard asks for four, the server draws two. */
const QUIET_ZONE_EXTRA_MODULES = 2;

/** The pass's QR code as the server draws it, large and with its own accessible name. */
export function PassQrCode({ number }: { number: string }) {
  const t = useT();
  const drawing = useQuery({
    queryKey: volunteerKeys.qr(number),
    queryFn: async () => {
      const svg = unwrap(
        await api.GET('/api/v1/passes/{number}/qr', {
          params: { path: { number }, query: { format: 'svg' } },
          parseAs: 'text',
        }),
      );
      return readQrSvg(String(svg));
    },
    staleTime: Infinity,
  });
  if (!drawing.data)
    return <div className="pass-qr pass-qr--placeholder" aria-busy={drawing.isPending} />;
  const { size, modulesPath } = drawing.data;
  const margin = QUIET_ZONE_EXTRA_MODULES;
  return (
    <svg
      className="pass-qr"
      role="img"
      aria-label={t('volunteer.pass.qrLabel')}
      viewBox={`${-margin} ${-margin} ${size + 2 * margin} ${size + 2 * margin}`}
      shapeRendering="crispEdges"
    >
      <rect
        x={-margin}
        y={-margin}
        width={size + 2 * margin}
        height={size + 2 * margin}
        fill="#ffffff"
      />
      <path d={modulesPath} stroke="#000000" />
    </svg>
  );
}
