import { containsPhrase, fold, memoize } from './text';
import { ONET_TECHNOLOGY } from './vocabulary/onet-technology.generated';

/**
 * The skill taxonomy: canonical name first, then the other ways people write it.
 * Matching is on folded text and word boundaries, so "JS" matches "JS," but not "JSON".
 * Broad enough for the fields our users come from; O*NET's technology skills (compiled at build time, see
 * scripts/build-skills-vocabulary.ts) add the products postings name, and the LLM path covers the rest.
 */
const TAXONOMY_SOURCE = `
JavaScript|js|ecmascript|es6|es2015
TypeScript|ts
Node.js|node|nodejs|node js
React|react.js|reactjs
Vue.js|vue|vuejs
Angular|angularjs
Next.js|nextjs
HTML|html5
CSS|css3|sass|scss
Python|py|python3
Java|jvm
Kotlin
Go|golang
Rust
C|c language|ansi c
R|r language|rstats
C++|cpp
C#|csharp|c sharp
.NET|dotnet|asp.net
Ruby|ruby on rails|rails
PHP|laravel
Scala
Swift|ios development
SQL|structured query language
PostgreSQL|postgres|psql|postgre sql
MySQL|mariadb
MongoDB|mongo
Redis
Elasticsearch|elastic search|opensearch
Kafka|apache kafka
RabbitMQ
GraphQL
REST APIs|rest|restful|rest api|restful apis|api design
gRPC
Microservices|micro-services|microservice architecture|service-oriented architecture
Distributed systems|distributed computing
Kubernetes|k8s|kubernetes (k8s)|eks|gke|aks
Docker|containers|containerisation|containerization
Terraform|infrastructure as code|iac
AWS|amazon web services|ec2|s3|lambda
GCP|google cloud|google cloud platform
Azure|microsoft azure
CI/CD|ci cd|continuous integration|continuous delivery|continuous deployment|github actions|gitlab ci|jenkins
Git|github|gitlab|version control
Linux|unix|bash|shell scripting
Observability|monitoring|prometheus|grafana|datadog|opentelemetry
Testing|unit testing|test automation|tdd|test-driven development|automated testing
Agile|scrum|kanban|sprint planning
Machine learning|ml|machine-learning
Deep learning|neural networks|pytorch|tensorflow
Statistics|statistical analysis|statistical modelling|statistical modeling|regression analysis
A/B testing|ab testing|a/b tests|experimentation|split testing
Pandas|numpy|scikit-learn|sklearn
Spark|apache spark|pyspark
Airflow|apache airflow
dbt
Data visualization|data visualisation|dashboards|dashboarding
Tableau
Power BI|powerbi
Looker
Excel|microsoft excel|ms excel|spreadsheets|vlookup|pivot tables
Financial modelling|financial modeling|financial models|dcf|three-statement model
Forecasting|budgeting|budgets|forecasts
Accounting|bookkeeping|general ledger|ledger
IFRS
GAAP|us gaap
Audit|auditing|internal audit|external audit
Reconciliation|reconciliations|account reconciliation
SAP|sap erp|sap fico
Oracle|oracle netsuite|netsuite
CPA|certified public accountant
ACCA
CFA
Tax|taxation|vat
Risk management|risk assessment|risk assessments
Compliance|regulatory compliance
Salesforce|sfdc
HubSpot
CRM|customer relationship management
B2B|business-to-business
SaaS|software as a service
Pipeline management|pipeline|sales pipeline|pipeline generation
Prospecting|lead generation|outbound|cold calling|cold outreach
Negotiation|negotiating|negotiated
Account management|key account management|account manager|client accounts
Quota attainment|quota|exceeded quota|sales targets|revenue targets
Closing|closed deals|closed-won
Enterprise sales|enterprise accounts|enterprise clients
Business development|new business
Figma
Sketch
Adobe Creative Suite|adobe cc|adobe creative cloud|photoshop|illustrator|indesign|after effects
UX research|user research|usability testing|user interviews|ux research
UI design|user interface design|visual design|interface design
UX design|user experience|ux
Design systems|design system|component library
Prototyping|prototypes|wireframing|wireframes
Accessibility|wcag|a11y|accessible design
Typography
Branding|brand identity|brand guidelines
Registered Nurse|rn|rn licence|rn license|registered nurse licence|nursing licence|nmc registration|nmc registered
BLS|basic life support
ACLS|advanced cardiac life support|als|advanced life support
Patient care|patient-centred care|patient-centered care|bedside care
Medication administration|medications|drug administration|administering medication
Electronic health records|ehr|emr|epic|cerner|electronic medical records
Critical care|icu|intensive care|itu
Emergency care|emergency department|a&e|er
Triage
Wound care|wound management|tissue viability
Infection control|infection prevention
Care planning|care plans
Phlebotomy|venepuncture|cannulation|iv therapy
Mentoring|mentored|mentor|coaching|coached
Leadership|led|leading|team leadership|team lead|managed a team|line management|line manager
Stakeholder management|stakeholders|stakeholder engagement
Project management|project manager|managed projects|pmp|prince2
Communication|communication skills|communicating|presentations|presenting
Problem solving|problem-solving|troubleshooting
Customer service|customer support|customer care|client service
Zendesk
Intercom
Freshdesk
Ticketing|ticket queue|tickets|help desk|helpdesk|service desk
SLA|slas|service level agreements|service levels
CSAT|customer satisfaction
NPS|net promoter score
Knowledge base|help center articles|help centre|documentation
Escalation management|escalations|escalated
Curriculum design|curriculum development|curriculum|lesson planning|lesson plans|schemes of work
Classroom management|behaviour management|behavior management
Differentiated instruction|differentiation|differentiated
Special educational needs|sen|send|iep|ieps|special education
Assessment|formative assessment|summative assessment|assessments|marking
Safeguarding|child protection
QTS|qualified teacher status|teaching licence|teaching license|teaching certificate|pgce
EdTech|google classroom|microsoft teams for education|educational technology|lms|learning management system
Supply chain|supply chain management|scm
Logistics|logistics operations
Warehouse management|warehousing|wms|warehouse management system
Inventory management|inventory|stock control|stock management
Procurement|purchasing|sourcing
Fleet management|fleet|transport management|tms
Lean|lean six sigma|six sigma|continuous improvement|kaizen
Demand planning|demand forecasting|s&op
Health and safety|h&s|osha|health & safety
Forklift|forklift licence|forklift license|flt
Vendor management|supplier management|supplier relationships|vendor relationships
SEO|search engine optimisation|search engine optimization
SEM|ppc|paid search|google ads|adwords
Content marketing|content strategy|copywriting|blog content
Social media|social media marketing|instagram|linkedin marketing|tiktok
Email marketing|email campaigns|mailchimp|marketing automation|marketo|klaviyo
Google Analytics|ga4|web analytics
Marketing strategy|go-to-market|gtm|go to market
Brand management
Recruitment|recruiting|talent acquisition|hiring|full-cycle recruiting|full cycle recruiting
Onboarding|on-boarding|induction
Employee relations|er cases|grievances|disciplinaries
HRIS|workday|bamboohr|successfactors|hr systems
Employment law|labour law|labor law
Performance management|performance reviews|appraisals
Compensation and benefits|compensation|benefits administration|reward
Learning and development|l&d|training programmes|training programs|staff training|employee training
Payroll
Diversity and inclusion|dei|d&i|diversity equity and inclusion
AutoCAD|autocad civil 3d|civil 3d
Revit|bim|building information modelling|building information modeling
Structural analysis|structural design|structural engineering
Site supervision|site management|site engineer|construction management
Geotechnical|geotechnics|soil mechanics
Drainage design|drainage|stormwater|hydraulics
Eurocodes|eurocode
Chartered Engineer|ceng|chartered status|professional engineer|pe licence|pe license
Cost estimation|estimating|quantity surveying|cost estimates
NEC contracts|nec|nec3|nec4|fidic
Spanish|español
French|français
German|deutsch
Mandarin|chinese
Polish|polski
`;

export interface SkillDef {
  canonical: string;
  /** Folded forms, canonical included. */
  forms: string[];
}

export const TAXONOMY: SkillDef[] = TAXONOMY_SOURCE.trim()
  .split('\n')
  .map((line) => {
    const parts = line.split('|').map((s) => s.trim()).filter(Boolean);
    return { canonical: parts[0]!, forms: [...new Set(parts.map(fold))].filter(Boolean) };
  });

const BY_FORM = new Map<string, SkillDef>();
for (const def of TAXONOMY) for (const f of def.forms) if (!BY_FORM.has(f)) BY_FORM.set(f, def);
/** The hand-written forms, matched phrase by phrase; vocabulary forms are looked up word by word instead. */
const HAND_FORMS = new Map(TAXONOMY.map((d) => [d, [...d.forms]]));

/**
 * O*NET's technology skills: a product joins the hand-written entry that already knows one of its names ("Microsoft
 * Excel" → Excel) or becomes an entry of its own. `acronym` forms count only in capitals, `word` forms (Word,
 * Access, Teams) only capitalised and in a skills context.
 */
const VOCABULARY_FLAGS = new Map<string, 'acronym' | 'word' | undefined>();
let VOCABULARY_MAX_WORDS = 1;
/** Every word-prefix of a vocabulary form, so a lookup stops as soon as no name starts with the words read so far. */
const VOCABULARY_PREFIXES = new Set<string>();
for (const line of ONET_TECHNOLOGY.split('\n')) {
  const forms = line.split('|').map((f) => ({ folded: fold(f.replace(/^[!~]/, '')), written: f.replace(/^[!~]/, ''), flag: f.startsWith('!') ? ('acronym' as const) : f.startsWith('~') ? ('word' as const) : undefined }));
  const known = forms.map((f) => BY_FORM.get(f.folded)).find(Boolean);
  const def: SkillDef = known ?? { canonical: forms[0]!.written, forms: [] };
  for (const f of forms) {
    if (!f.folded || BY_FORM.has(f.folded)) continue;
    BY_FORM.set(f.folded, def);
    def.forms.push(f.folded);
    VOCABULARY_FLAGS.set(f.folded, f.flag);
    const ws = f.folded.split(' ');
    VOCABULARY_MAX_WORDS = Math.max(VOCABULARY_MAX_WORDS, ws.length);
    for (let n = 1; n <= ws.length; n++) VOCABULARY_PREFIXES.add(ws.slice(0, n).join(' '));
  }
}

/** A vocabulary form that must be written as its product writes it (an acronym in capitals, a plain word capitalised). */
function writtenAsProduct(form: string, written: string): boolean {
  const flag = VOCABULARY_FLAGS.get(form);
  if (flag === 'acronym') return written === written.toUpperCase();
  if (flag === 'word') return /^[A-Z]/.test(written);
  return true;
}

/** Ambiguous short forms that only count when written in capitals in the source ("RN", "ML", "ER", "Go"). */
const CASE_SENSITIVE_FORMS = new Set(['rn', 'ml', 'er', 'go', 'ts', 'py', 'sen', 'send', 'nec', 'als', 'gtm', 'iac', 'ux']);

/** The canonical skill for a written term, if the taxonomy knows it. */
export function canonicalSkill(term: string): string | undefined {
  const f = fold(term);
  // "project", "access": plain words name a product only as the product writes them
  if (VOCABULARY_FLAGS.get(f) && !writtenAsProduct(f, term.trim())) return undefined;
  return BY_FORM.get(f)?.canonical;
}

export function skillDef(canonical: string): SkillDef | undefined {
  return BY_FORM.get(fold(canonical));
}

/** Every folded way to write a term: its taxonomy forms if known, otherwise itself. */
export const formsOf = memoize((term: string): string[] => {
  const def = BY_FORM.get(fold(term));
  return def ? def.forms : [fold(term)];
}, 5_000);

/** Canonical skills mentioned in a text. */
export const findSkills = memoize(findSkillsUncached, 5_000);

function findSkillsUncached(text: string): string[] {
  const folded = ` ${fold(text)} `;
  const found: string[] = [];
  for (const def of TAXONOMY) {
    if (HAND_FORMS.get(def)!.some((f) => formMatches(text, folded, f))) found.push(def.canonical);
  }
  // the vocabulary: every run of up to a few words inside one list item ("encryption, software" is two items), looked
  // up ("ci/cd" and "react/redux" also word by word)
  const seen = new Set(found);
  const segments = text.split(/[,;:()[\]|•·\n]+/).map(fold).filter(Boolean);
  for (const tokens of segments.flatMap((seg) => (seg.includes('/') ? [seg, seg.replace(/\//g, ' ')] : [seg])).map((t) => t.split(' '))) {
    for (let i = 0; i < tokens.length; i++) {
      let key = '';
      for (let n = 0; n < VOCABULARY_MAX_WORDS && i + n < tokens.length; n++) {
        key = n ? `${key} ${tokens[i + n]}` : tokens[i]!;
        if (!VOCABULARY_PREFIXES.has(key)) break;
        if (!VOCABULARY_FLAGS.has(key)) continue;
        const def = BY_FORM.get(key)!;
        if (!seen.has(def.canonical) && formMatches(text, folded, key)) {
          seen.add(def.canonical);
          found.push(def.canonical);
        }
      }
    }
  }
  return found;
}

/** Whether a text mentions a term (any of its synonyms). */
export function mentions(text: string, term: string): boolean {
  const folded = padded(text);
  return formsOf(term).some((f) => formMatches(text, folded, f));
}

const padded = memoize((text: string) => ` ${fold(text)} `);

function formMatches(raw: string, folded: string, form: string): boolean {
  if (!containsPhrase(folded, form)) return false;
  const flag = VOCABULARY_FLAGS.get(form);
  const ambiguous = AMBIGUOUS_FORMS.has(form) || flag === 'word';
  if (!CASE_SENSITIVE_FORMS.has(form) && !ambiguous && !flag) return true;
  // Words that are also ordinary English ("go", "send", "er") only count when written as the skill is written,
  // and short or ambiguous names (Go, R, C, Swift, Spark, Excel) only where they sit as a skill.
  const re = new RegExp(`(^|[^A-Za-z])(${form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})(?=[^A-Za-z]|$)`, 'gi');
  for (const m of raw.matchAll(re)) {
    const w = m[2]!;
    const written = flag ? writtenAsProduct(form, w) : form === 'go' ? w === 'Go' || w === 'GO' : CASE_SENSITIVE_FORMS.has(form) || form.length <= 2 ? w === w.toUpperCase() : true;
    if (!written) continue;
    const at = m.index + m[1]!.length;
    if (!ambiguous || inSkillContext(raw, at, at + w.length)) return true;
  }
  return false;
}

/** Names that are also ordinary words or letters: counted only in a skills context. */
const AMBIGUOUS_FORMS = new Set(['go', 'r', 'c', 'rust', 'swift', 'spark', 'excel', 'scala', 'access', 'make', 'chef', 'puppet', 'sketch', 'looker', 'oracle', 'tableau']);

/** What may introduce a skill: "experience with", "proficient in", "knowledge of", a label ("Languages:"). */
const CUE_BEFORE = /(?:experience (?:with|in|using|of)|experienced (?:with|in)|proficien\w* (?:in|with)|fluen\w* in|knowledge of|familiar\w* with|skills? in|expertise in|written in|programming in|coding in|developing in|development in|work(?:ing)? (?:with|in)|using|uses?|use of|such as|including|e\.g\.|like|in|with|of|[:：])\s*$/i;
/** What may follow a skill's name in a skills context: nothing, a version, or a word naming it as a skill. */
const AFTER_OK = /^\s*(?:\d[\d.x]*\+?)?\s*(?:\((?:[^)]{0,30})\)\s*)?(?:(?:programming|language|development|skills?|experience|ecosystem|modules?|formulas?|macros?|\/\s*\w+)\b\s*)?$/i;
const SEPARATORS = /[,;|/()[\]\n•·]|\s(?:or|and|&|et|ou|und)\s/gi;

/**
 * Whether the word at [from, to) of `raw` is used as a skill: alone in a list item next to other items, after a
 * cue ("experience with Go"), under a label ("Languages: Go, Python"), or the whole text itself (a skills entry).
 */
function inSkillContext(raw: string, from: number, to: number): boolean {
  // the list item holding the word: from the previous separator to the next
  let start = 0;
  let end = raw.length;
  let separatorsAround = 0;
  for (const m of raw.matchAll(SEPARATORS)) {
    const i = m.index;
    if (i + m[0].length <= from) {
      start = i + m[0].length;
      if (from - i < 60) separatorsAround++;
    } else if (i >= to) {
      if (end === raw.length) end = i;
      if (i - to < 60) separatorsAround++;
      if (i - to > 60) break;
    }
  }
  const before = raw.slice(start, from);
  const after = raw.slice(to, end);
  // "Rust in production", "using HR systems and Excel to analyse data": a purpose or a setting after the name
  // counts when a cue to a skill comes just before
  const purpose = /^\s+(?:in production|at scale)\b/i.test(after) || (/^\s+(?:to|for)\s/i.test(after) && /\b(?:using|use|with|proficient|experience|knowledge|skills?)\b/i.test(raw.slice(Math.max(0, from - 60), from)));
  if (!AFTER_OK.test(after) && !purpose) return false;
  if (purpose && !before.trim()) return true;
  const prefix = before.trim();
  if (!prefix) {
    if (!raw.slice(0, start).trim() && !raw.slice(end).trim()) return true; // the whole text: a skills entry
    return separatorsAround >= 2 || /[:：]\s*$/.test(raw.slice(0, start).trimEnd()) || /[,;/]/.test(raw.slice(Math.max(0, start - 1), start));
  }
  return CUE_BEFORE.test(before) || /\b(?:advanced|strong|expert|solid|good|excellent|proficient|microsoft|ms|apache)\s*$/i.test(before);
}
