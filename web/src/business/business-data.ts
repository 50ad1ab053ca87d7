export const businessKeys = {
  offers: ['business', 'offers'] as const,
  offer: (id: string) => ['business', 'offer', id] as const,
  sponsorship: (year: number) => ['business', 'sponsorship', year] as const,
};

export { problemText } from '../volunteer/volunteer-data';
