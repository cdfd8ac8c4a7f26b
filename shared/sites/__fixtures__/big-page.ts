/**
 * A LinkedIn search page of about 300 KB (the size of a real one once its list has scrolled): the global nav, a
 * long list of job cards in the left pane, and one posting in the detail pane. The content-script performance test
 * (test/e2e) and `looksLikeJobPage`'s budget test run on it. Companies and people are fictional.
 */

const TITLES = ['Senior Backend Engineer', 'Data Analyst', 'Product Designer', 'Engineering Manager', 'Site Reliability Engineer', 'Frontend Developer (React)', 'Machine Learning Engineer', 'QA Automation Engineer', 'Technical Writer', 'Solutions Architect'];
const COMPANIES = ['Kestrel Analytics', 'Alder & Finch', 'Harbourline Systems', 'Dockside Data', 'Quayside Health', 'Spreeland Mobility', 'Northwind Robotics', 'Lumen Labs', 'Tidewater Shipping', 'Brindle Software'];
const PLACES = ['Berlin, Germany (Hybrid)', 'Amsterdam, North Holland, Netherlands (Remote)', 'London, England, United Kingdom (On-site)', 'Dublin, County Dublin, Ireland (Hybrid)', 'Munich, Bavaria, Germany (Remote)'];

function card(i: number): string {
  const id = 4012345000 + i;
  const title = TITLES[i % TITLES.length]!;
  const company = COMPANIES[(i * 7) % COMPANIES.length]!;
  return `<li class="ember-view jobs-search-results__list-item occludable-update p0 relative scaffold-layout__list-item" id="ember${1200 + i}" data-occludable-job-id="${id}">
  <div class="job-card-container relative job-card-list job-card-container--clickable job-card-list--underline-title-on-hover jobs-search-results-list__list-item--active-v2" data-job-id="${id}" data-view-name="job-card">
   <div class="job-card-list__entity-lockup artdeco-entity-lockup artdeco-entity-lockup--size-4 ember-view">
    <div class="job-card-list__logo artdeco-entity-lockup__image artdeco-entity-lockup__image--type-square ember-view"><div class="ivm-image-view-model"><div class="ivm-view-attr__img-wrapper"><img width="56" src="https://media.licdn.com/dms/image/v2/C4E0BAQ${i}/company-logo_100_100/0/1630000000000?e=2147483647&amp;v=beta&amp;t=${i}" loading="lazy" alt="${company} logo" class="ivm-view-attr__img--centered EntityPhoto-square-4 evi-image lazy-image ember-view"></div></div></div>
    <div class="flex-grow-1 artdeco-entity-lockup__content ember-view">
     <div class="full-width artdeco-entity-lockup__title ember-view"><a class="disabled ember-view job-card-container__link job-card-list__title--link" aria-label="${title} with verification" href="/jobs/view/${id}/?eBP=CwEAAAGTx&amp;refId=abc${i}&amp;trackingId=xyz${i}%3D%3D&amp;trk=flagship3_search_srp_jobs" data-control-id="ctl${i}"><span aria-hidden="true"><strong>${title}</strong></span><span class="visually-hidden">Verified job</span></a></div>
     <div class="artdeco-entity-lockup__subtitle ember-view"><span class="job-card-container__primary-description">${company}</span></div>
     <div class="artdeco-entity-lockup__caption ember-view"><ul class="job-card-container__metadata-wrapper"><li class="job-card-container__metadata-item">${PLACES[i % PLACES.length]}</li></ul></div>
     <div class="artdeco-entity-lockup__metadata ember-view"><div class="mt1 t-sans t-12 t-black--light t-normal t-roman artdeco-entity-lockup__metadata"><ul class="job-card-container__metadata-wrapper"><li class="job-card-container__metadata-item">${60 + (i % 5) * 15}K/yr - ${90 + (i % 5) * 15}K/yr</li></ul></div></div>
     <div class="job-card-list__insight"><div class="job-card-container__job-insight-text">${(i % 12) + 2} school alumni work here</div></div>
    </div>
   </div>
   <ul class="job-card-list__footer-wrapper job-card-container__footer-wrapper flex-shrink-zero display-flex t-sans t-12 t-black--light t-normal t-roman"><li class="job-card-container__footer-item inline-flex align-items-center">${i % 3 ? 'Viewed' : 'Promoted'}</li><li class="job-card-container__footer-item inline-flex align-items-center"><time datetime="2025-01-${String((i % 27) + 1).padStart(2, '0')}">${(i % 4) + 1} weeks ago</time></li><li class="job-card-container__apply-method job-card-container__footer-item inline-flex align-items-center"><svg role="none" aria-hidden="true" class="job-card-container__apply-method-icon" xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16" data-supported-dps="16x16"><use href="#linkedin-bug-color-small" width="16" height="16"></use></svg>Easy Apply</li></ul>
   <button aria-label="Dismiss ${title} job" class="job-card-container__action job-card-container__action-small artdeco-button artdeco-button--muted artdeco-button--2 artdeco-button--tertiary ember-view artdeco-button--circle"><svg role="none" aria-hidden="true" class="artdeco-button__icon" xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16"><use href="#close-small" width="16" height="16"></use></svg></button>
  </div>
 </li>`;
}

const DETAIL = `<div class="scaffold-layout__detail overflow-x-hidden jobs-search__job-details">
 <div class="jobs-search__job-details--container">
  <div class="job-view-layout jobs-details"><div class="jobs-details__main-content jobs-details__main-content--single-pane full-width">
   <div class="relative job-details-jobs-unified-top-card__container--two-pane">
    <div class="job-details-jobs-unified-top-card__company-name" dir="ltr"><a class="app-aware-link" href="https://www.linkedin.com/company/kestrel-analytics/life">Kestrel Analytics</a></div>
    <div class="t-24 job-details-jobs-unified-top-card__job-title"><h1 class="t-24 t-bold inline"><a href="/jobs/view/4012345678/">Senior Platform Engineer</a></h1></div>
    <div class="job-details-jobs-unified-top-card__primary-description-container"><div class="t-black--light mt2"><span class="tvm__text tvm__text--low-emphasis">Berlin, Germany</span><span class="tvm__text tvm__text--low-emphasis"> · </span><span class="tvm__text tvm__text--low-emphasis">1 week ago</span></div></div>
    <button class="job-details-preferences-and-skills"><div class="job-details-preferences-and-skills__pill"><span class="ui-label"><span aria-hidden="true"><strong>Hybrid</strong></span><span class="visually-hidden">Matches your job preferences, workplace type is Hybrid.</span></span></div><div class="job-details-preferences-and-skills__pill"><span class="ui-label"><span aria-hidden="true"><strong>Full-time</strong></span></span></div></button>
    <div class="jobs-apply-button--top-card"><button class="jobs-apply-button artdeco-button"><span class="artdeco-button__text">Easy Apply</span></button></div>
   </div>
   <div class="jobs-description__container"><div class="jobs-description__content jobs-description-content">
    <div class="jobs-box__html-content jobs-description-content__text t-14 t-normal" id="job-details" tabindex="-1">
     <h2 class="text-heading-large">About the job</h2>
     <div class="mt4"><p dir="ltr"><span>Kestrel Analytics forecasts the flow of containers through European ports, and our platform team keeps 140 services running for terminal operators who plan their day around our numbers.</span></p>
     <p><br></p><p dir="ltr"><span>As a Senior Platform Engineer in Berlin you will run our Kubernetes clusters, build the paved road our product teams deploy on, and share an on-call rotation of one week in six.</span></p>
     <p><br></p><p dir="ltr"><strong>What you will do</strong></p>
     <ul><li>Operate three Kubernetes clusters on GKE and keep upgrades boring.</li><li>Build deployment tooling in Go and Terraform that product teams choose to use.</li><li>Define and track service-level objectives with the teams who own each service.</li><li>Lead postmortems and follow their action items to the end.</li></ul>
     <p><br></p><p dir="ltr"><strong>What you bring</strong></p>
     <ul><li>Five or more years in platform, SRE or infrastructure roles.</li><li>Production experience with Kubernetes, Terraform and Prometheus.</li><li>Go or Python for tooling.</li></ul>
     <p><br></p><p dir="ltr"><span>€80,000–€98,000 a year, 30 days of holiday and two office days a week in Kreuzberg. We reply to every application within ten working days.</span></p></div>
    </div>
   </div></div>
  </div></div>
 </div>
</div>`;

const NAV = `<header id="global-nav" class="global-nav global-nav--jobs" aria-label="Global Navigation"><div class="global-nav__content"><a href="https://www.linkedin.com/feed/" class="global-nav__branding"><span class="visually-hidden">LinkedIn</span></a><div class="search-global-typeahead"><input class="search-global-typeahead__input" placeholder="Search" aria-label="Search"></div><nav class="global-nav__nav" aria-label="Primary Navigation"><ul class="global-nav__primary-items"><li><a href="/feed/">Home</a></li><li><a href="/mynetwork/">My Network</a></li><li><a href="/jobs/">Jobs</a></li><li><a href="/messaging/">Messaging</a></li><li><a href="/notifications/">Notifications</a></li></ul></nav></div></header>`;

/** The page as served at `https://www.linkedin.com/jobs/search/?keywords=engineer&currentJobId=4012345678`. */
export function bigLinkedInSearchPage(minBytes = 300 * 1024): string {
  const cards: string[] = [];
  const head = `<!DOCTYPE html><html lang="en" class="theme theme--mercado artdeco"><head><meta charset="utf-8"><title>Engineer jobs in Berlin | LinkedIn</title><link rel="stylesheet" href="https://static.licdn.com/aero-v1/sc/h/app.css"><script>window.__lixTreatments = {"voyager.web.jobs-search": "enabled"};</script></head><body class="render-mode-BIGPIPE nav-v2 ember-application"><div class="application-outlet">${NAV}<div class="jobs-search-two-pane__container"><div class="scaffold-layout__list-container"><div class="jobs-search-results-list"><header class="jobs-search-results-list__header"><h2 class="t-16">Engineer in Berlin, Germany</h2><small>48,213 results</small></header><ul class="scaffold-layout__list-container">`;
  const tail = `</ul></div></div>${DETAIL}</div><aside id="msg-overlay" class="msg-overlay-container" aria-label="Messaging"><h2>Messaging</h2></aside></div><script src="https://static.licdn.com/aero-v1/sc/h/bundle.js" defer></script></body></html>`;
  let size = head.length + tail.length;
  for (let i = 0; size < minBytes; i++) {
    const c = card(i);
    cards.push(c);
    size += c.length;
  }
  return head + cards.join('\n') + tail;
}
