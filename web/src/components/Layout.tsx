// Every page's frame: skip link, NHS header with the app's navigation, the synthetic-data banner when the
// figures are the demo's, the main content (focused on navigation, for screen readers) and the footer.
import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { Link } from "../router.tsx";
import { paths } from "../routes.ts";

const NHS_LOGO =
  "M200 0v80H0V0h200Zm-27.5 5.5c-14.5 0-29 5-29 22 0 10.2 7.7 13.5 14.7 16.3l.7.3c5.4 2 10.1 3.9 10.1 8.4 0 6.5-8.5 7.5-14 7.5s-12.5-1.5-16-3.5L135 70c5.5 2 13.5 3.5 20 3.5 15.5 0 32-4.5 32-22.5 0-19.5-25.5-16.5-25.5-25.5 0-5.5 5.5-6.5 12.5-6.5a35 35 0 0 1 14.5 3l4-13.5c-4.5-2-12-3-20-3Zm-131 2h-22l-14 65H22l9-45h.5l13.5 45h21.5l14-65H64l-9 45h-.5l-13-45Zm63 0h-18l-13 65h17l6-28H117l-5.5 28H129l13.5-65H125L119.5 32h-20l5-24.5Z";

export function SyntheticBanner() {
  return (
    <div class="nhsuk-warning-callout icsplan-synthetic" role="note" aria-label="Synthetic data">
      <h2 class="nhsuk-warning-callout__label">
        <span class="nhsuk-u-visually-hidden">Important: </span>Synthetic demo data
      </h2>
      <p>
        Every figure on this page is from icsplan's <strong>synthetic</strong> demo ICS: invented practices
        and networks calibrated to the national data. They describe no real practice.
      </p>
    </div>
  );
}

/** Who is signed in (a server with login), shown in the header with a sign-out link. */
export interface HeaderAccount {
  displayName: string;
  roles: string[];
  onSignOut: () => void;
}

function Account({ account }: { account: HeaderAccount }) {
  return (
    <nav class="nhsuk-header__account" aria-label="Account" id="header-account">
      <ul class="nhsuk-header__account-list">
        <li class="nhsuk-header__account-item" data-signed-in>
          <span>
            Signed in as <strong>{account.displayName}</strong>
            {account.roles.length > 0 ? ` (${account.roles.join(", ")})` : ""}
          </span>
        </li>
        <li class="nhsuk-header__account-item">
          <a
            class="nhsuk-header__account-link"
            href="/sign-out"
            id="sign-out"
            onClick={(e) => {
              e.preventDefault();
              account.onSignOut();
            }}
          >
            Sign out
          </a>
        </li>
      </ul>
    </nav>
  );
}

export function Layout({
  synthetic,
  routeKey,
  children,
  account,
}: {
  synthetic: boolean;
  routeKey: string;
  children: ComponentChildren;
  account?: HeaderAccount | undefined;
}) {
  const main = useRef<HTMLElement>(null);
  // Focus moves to the new page's content on navigation (not on the first page shown).
  const shown = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (routeKey === "loading") return;
    if (shown.current !== undefined && shown.current !== routeKey) main.current?.focus();
    shown.current = routeKey;
  }, [routeKey]);
  return (
    <>
      <a class="nhsuk-skip-link" href="#maincontent">
        Skip to main content
      </a>
      <header class="nhsuk-header" role="banner">
        <div class="nhsuk-header__container nhsuk-width-container">
          <div class="nhsuk-header__service">
            <Link class="nhsuk-header__service-logo" href={paths.home()}>
              <svg
                class="nhsuk-header__logo"
                xmlns="http://www.w3.org/2000/svg"
                viewBox="0 0 200 80"
                height="40"
                width="100"
                focusable="false"
                role="img"
                aria-label="NHS"
              >
                <title>NHS</title>
                <path fill="currentcolor" d={NHS_LOGO} />
              </svg>
              <span class="nhsuk-header__service-name">icsplan: primary care planning</span>
            </Link>
          </div>
          {account ? <Account account={account} /> : null}
        </div>
        <nav class="nhsuk-header__navigation" aria-label="Menu">
          <div class="nhsuk-header__navigation-container nhsuk-width-container">
            <ul class="nhsuk-header__navigation-list">
              <li class="nhsuk-header__navigation-item">
                <Link class="nhsuk-header__navigation-link" href={paths.home()}>
                  England and ICBs
                </Link>
              </li>
              <li class="nhsuk-header__navigation-item">
                <Link class="nhsuk-header__navigation-link" href={paths.find()}>
                  Find a practice
                </Link>
              </li>
              <li class="nhsuk-header__navigation-item">
                <Link class="nhsuk-header__navigation-link" href={paths.plans()}>
                  Plans
                </Link>
              </li>
              <li class="nhsuk-header__navigation-item">
                <a class="nhsuk-header__navigation-link" href="/api/docs">
                  API reference
                </a>
              </li>
            </ul>
          </div>
        </nav>
      </header>
      <div class="nhsuk-width-container">
        <main class="nhsuk-main-wrapper" id="maincontent" role="main" tabIndex={-1} ref={main}>
          {synthetic ? <SyntheticBanner /> : null}
          {children}
        </main>
      </div>
      <footer class="nhsuk-footer" role="contentinfo">
        <div class="nhsuk-width-container">
          <div class="nhsuk-footer__meta">
            <h2 class="nhsuk-u-visually-hidden">Support links</h2>
            <ul class="nhsuk-footer__list">
              <li class="nhsuk-footer__list-item">
                <a class="nhsuk-footer__list-item-link" href="/api/docs">
                  API reference
                </a>
              </li>
              <li class="nhsuk-footer__list-item">
                <a class="nhsuk-footer__list-item-link" href="/api/datasets?format=csv">
                  Datasets loaded (CSV)
                </a>
              </li>
            </ul>
            <p class="nhsuk-body-s">
              {synthetic
                ? "Synthetic demo data: no real practice is described."
                : "Contains NHS England, NHS Digital, OHID, MHCLG and ONS open data under the Open Government Licence v3.0."}
            </p>
          </div>
        </div>
      </footer>
    </>
  );
}
