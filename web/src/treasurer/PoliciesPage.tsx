import '../admin/admin.css';
import { OfferPolicyCard, PassPolicyCard } from '../admin/SettingsPage';
import { useT } from '../i18n/i18n';

/**
 * `/treasurer/policies`: the two policies the treasurer sets. The offer policy is the treasurer's
 * alone; the pass policy is shared with the admin (whose settings page has the same form).
 */
export function PoliciesPage() {
  const t = useT();
  return (
    <section className="admin-page" aria-labelledby="policies-title">
      <h1 id="policies-title">{t('treasurer.policies.title')}</h1>
      <p className="hint">{t('treasurer.policies.intro')}</p>
      <div className="admin-grid">
        <OfferPolicyCard editable />
        <PassPolicyCard />
      </div>
    </section>
  );
}
