// One account: its details and holders, its status and approval; DGIT's actions on it; each credential field revealed
// on its own with a reason, copied, hidden again after a while; the TOTP code with its countdown; rotation with a
// generator; the holders' duties; content actions; versions; its audit entries.
import {
    html, useState, useEffect, useRef, useContext, ConsoleContext, Field, Checkbox, Link, ProblemMessage,
    focusFirstError, useAction, usePageTitle, useTicker, useWhenHidden, useWhenSessionEnds, CopyButton, timing,
    platformName, formatDateTime, formatTime, holdsAny, ACCOUNT_READERS
} from '../components.js';
import * as api from '../api.js';
import { useDirectory } from '../directory.js';
import { AccountBadges } from './accounts.js';
import { StatusDetails, DgitActions, ContentActions, HolderDuties } from './account-status.js';
import { RotationDetails, RotationIntervalForm } from './account-rotation.js';

const FIELD_LABELS = {
    loginIdentifier: 'Login (username or email)', password: 'Password', totp: 'MFA seed (TOTP)',
    recoveryCodes: 'Recovery codes', recoveryEmail: 'Recovery email', recoveryPhone: 'Recovery phone',
    securityQuestions: 'Security questions', notes: 'Secret notes'
};
const MIN_REASON = 10;

export function AccountPage({ accountId }) {
    const { session } = useContext(ConsoleContext);
    const directory = useDirectory(session);
    const [account, setAccount] = useState(null);
    const [versions, setVersions] = useState([]);
    const [error, setError] = useState(null);
    // Bumped by DGIT's actions, so what they add (a content action) is read again.
    const [revision, setRevision] = useState(0);
    usePageTitle(account ? account.displayName : 'Account');

    // Holders may not read an account's version history and audit entries (docs/accounts.md).
    const readsHistory = holdsAny(session, ACCOUNT_READERS);
    const load = async () => {
        try {
            const loaded = await api.accounts.get(accountId);
            setAccount(loaded);
            setVersions(readsHistory && loaded.credentialVersion > 0 ? await api.accounts.versions(accountId) : []);
            return loaded;
        } catch (e) {
            setError(e);
            return null;
        }
    };
    useEffect(() => {
        load();
    }, [accountId]);

    if (!account) {
        return html`<h1>Account</h1>${error ? html`<${ProblemMessage} error=${error} />
            <p><${Link} href="/accounts">Back to the accounts<//></p>` : html`<p>Loading…</p>`}`;
    }
    // An auditor sees metadata only; with another role, or as a holder, the server decides what more they may do.
    const holder = [account.contentOwnerId, account.backupModeratorId].includes(session.id);
    const auditor = session.roles.every(r => r === 'AUDITOR') && session.roles.length > 0 && !holder;
    const admin = session.roles.includes('DGIT_ADMIN');
    // As for changing the account: DGIT admins, and the department's owners unless DGIT suspended it.
    const schedules = account.status !== 'RETIRED' && (admin || (account.status !== 'SUSPENDED'
        && (session.departments || []).includes(account.departmentId)));
    return html`<p class="breadcrumb"><${Link} href="/accounts">Accounts<//></p>
        <h1>${account.displayName}</h1>
        <${AccountBadges} account=${account} />
        <dl class="details">
            <dt>Platform</dt><dd>${account.platformName || platformName(account.platform)}</dd>
            <dt>Handle</dt><dd>${account.handle}</dd>
            ${account.profileUrl && html`<dt>Profile</dt><dd><a href=${account.profileUrl} rel="noopener noreferrer"
                target="_blank">${account.profileUrl}</a></dd>`}
            <dt>Department</dt><dd>${directory.departmentName(account.departmentId)}</dd>
            <${StatusDetails} account=${account} directory=${directory} mayRequest=${!auditor} />
            <dt>Content owner</dt><dd>${directory.personName(account.contentOwnerId)}</dd>
            <dt>Backup moderator</dt><dd>${directory.personName(account.backupModeratorId)}</dd>
            <${RotationDetails} account=${account} />
            ${account.notes && html`<dt>Notes</dt><dd class="pre">${account.notes}</dd>`}
        </dl>
        ${account.status === 'SUSPENDED' && html`<p class="warning">This account is suspended: only DGIT admins may
            reveal, rotate or change it until DGIT reinstates it.</p>`}
        ${!auditor && html`<${Credentials} account=${account} versions=${versions} directory=${directory}
            onRotated=${load} />`}
        ${schedules && html`<${RotationIntervalForm} account=${account} onChanged=${load} />`}
        ${admin && html`<${DgitActions} account=${account} onChanged=${() => {
            setRevision(r => r + 1);
            return load();
        }} />`}
        <${HolderDuties} account=${account} revision=${revision} />
        <${ContentActions} account=${account} directory=${directory} revision=${revision} />
        ${versions.length > 0 && html`<${Versions} versions=${versions} directory=${directory} />`}
        ${readsHistory && html`<${AccountAudit} account=${account} />`}`;
}

function Credentials({ account, versions, directory, onRotated }) {
    const current = versions.find(v => v.current);
    if (account.credentialVersion === 0) {
        return html`<section aria-labelledby="escrow-title">
            <h2 id="escrow-title">Escrow the login</h2>
            <p>Nothing is escrowed for this account yet. Store its login as version 1.</p>
            <${CredentialForm} account=${account} first onStored=${onRotated} />
        </section>`;
    }
    return html`<section aria-labelledby="credentials-title">
            <h2 id="credentials-title">Login</h2>
            <p>Version ${account.credentialVersion}${current
                && `, stored ${formatDateTime(current.createdAt)} by ${directory.personName(current.createdBy)}`}.</p>
            <${Reveal} key=${account.credentialVersion} account=${account} fields=${account.credentialFields || []} />
        </section>
        <section aria-labelledby="rotate-title">
            <h2 id="rotate-title">Rotate</h2>
            <p>After changing the password on ${account.platformName || platformName(account.platform)}, store it
            here as a new version. Fields you leave empty stay as they are.</p>
            <${CredentialForm} account=${account} onStored=${onRotated} />
        </section>`;
}

/** The reason, once for the page, then each field revealed on its own; values leave the page when they hide. */
function Reveal({ account, fields }) {
    const [reason, setReason] = useState('');
    const [reasonError, setReasonError] = useState(null);
    const [shown, setShown] = useState({});
    const [error, setError] = useState(null);
    const [now, setNow] = useState(Date.now());
    const reasonInput = useRef(null);
    const list = useRef(null);
    // Bumped whenever values leave the page: an answer that arrives afterwards is dropped, never shown.
    const generation = useRef(0);
    const hideAll = () => {
        generation.current++;
        setShown({});
    };
    useWhenHidden(hideAll);
    useWhenSessionEnds(hideAll);
    useTicker(() => {
        const time = Date.now();
        setNow(time);
        setShown(current => Object.values(current).some(item => item.until <= time)
            ? Object.fromEntries(Object.entries(current).filter(([, item]) => item.until > time)) : current);
    }, Object.keys(shown).length > 0);
    /** Keeps the keyboard where the person was: on the row's first button once it changes. */
    const focusRow = field => requestAnimationFrame(() =>
        list.current?.querySelector(`[data-field="${field}"] button`)?.focus());

    const reasonOk = () => {
        if (reason.trim().length < MIN_REASON) {
            setReasonError(`Say why you need it, in at least ${MIN_REASON} characters.`);
            requestAnimationFrame(() => reasonInput.current?.querySelector('input').focus());
            return false;
        }
        setReasonError(null);
        return true;
    };
    const reveal = async field => {
        if (!reasonOk()) {
            return;
        }
        setError(null);
        const asked = generation.current;
        try {
            const revealed = await api.accounts.reveal(account.id, reason.trim(), [field]);
            if (asked !== generation.current || document.hidden) {
                return;
            }
            const until = Date.now() + timing.revealSeconds * 1000;
            setNow(Date.now());
            setShown(current => ({ ...current, [field]: { value: revealed[field], until } }));
            focusRow(field);
        } catch (e) {
            if (e.fieldErrors.reason) {
                setReasonError(e.fieldErrors.reason);
            }
            setError(e);
        }
    };
    const hide = field => {
        setShown(current => Object.fromEntries(Object.entries(current).filter(([key]) => key !== field)));
        focusRow(field);
    };

    return html`<div class="reveal">
        <div ref=${reasonInput}>
            <${Field} label="Why do you need it?" value=${reason} onValue=${setReason} maxlength="500"
                error=${reasonError} hint=${`At least ${MIN_REASON} characters, e.g. "Posting the weekly update". Every
                reveal is kept in the audit trail with your name, this reason and the time.`} />
        </div>
        <${ProblemMessage} error=${error} />
        <ul class="fields" ref=${list}>
            ${fields.map(field => html`<li class="credential-field" data-field=${field}>
                <span class="field-name">${FIELD_LABELS[field] || field}</span>
                ${shown[field]
                    ? html`<${ShownValue} field=${field} value=${shown[field].value}
                        seconds=${Math.max(0, Math.ceil((shown[field].until - now) / 1000))}
                        onHide=${() => hide(field)} />`
                    : html`<span class="field-actions">
                        <button type="button" class="secondary" onClick=${() => reveal(field)}
                            aria-label=${'Reveal ' + (FIELD_LABELS[field] || field)}>Reveal</button>
                        ${field === 'totp'
                            && html`<${TotpCode} account=${account} reasonOk=${reasonOk} reason=${reason} />`}
                    </span>`}
            </li>`)}
        </ul>
    </div>`;
}

function ShownValue({ field, value, seconds, onHide }) {
    const label = FIELD_LABELS[field] || field;
    return html`<span class="shown">
        ${renderValue(field, value)}
        <span class="field-actions">
            <${CopyButton} value=${copyText(field, value)} label=${'Copy ' + label} />
            <button type="button" class="secondary" onClick=${onHide} aria-label=${'Hide ' + label}>Hide</button>
            <span class="countdown">Hides in ${seconds} s</span>
        </span>
    </span>`;
}

function renderValue(field, value) {
    if (value === undefined || value === null) {
        return html`<span class="muted">not stored</span>`;
    }
    if (field === 'totp') {
        return html`<code class="secret">${value.secret}</code>
            <span class="muted">${value.algorithm}, ${value.digits} digits, ${value.period} s</span>`;
    }
    if (field === 'recoveryCodes') {
        return html`<ol class="codes">${value.map(c => html`<li value=${c.number}><code class="secret">${c.code}</code>
            ${c.used && html` <span class="muted">(used)</span>`}</li>`)}</ol>`;
    }
    if (field === 'securityQuestions') {
        return html`<dl class="questions">${value.map(q => html`<dt>${q.question}</dt>
            <dd><code class="secret">${q.answer}</code></dd>`)}</dl>`;
    }
    return html`<code class="secret">${value}</code>`;
}

function copyText(field, value) {
    if (field === 'totp') {
        return value.secret;
    }
    if (field === 'recoveryCodes') {
        return value.filter(c => !c.used).map(c => c.code).join('\n');
    }
    if (field === 'securityQuestions') {
        return value.map(q => `${q.question}: ${q.answer}`).join('\n');
    }
    return value;
}

/**
 * The account's current TOTP code (never the seed), with a countdown on the code's own time step; in its last five
 * seconds the next code shows too. It is fetched again when a step ends, until the reveal time is over.
 */
function TotpCode({ account, reasonOk, reason }) {
    const [code, setCode] = useState(null);
    const [error, setError] = useState(null);
    const [left, setLeft] = useState(0);
    const pending = useRef(false);
    const generation = useRef(0);
    const hide = () => {
        generation.current++;
        setCode(null);
    };
    useWhenHidden(hide);
    useWhenSessionEnds(hide);
    const fetchCode = async () => {
        if (pending.current) {
            return;
        }
        pending.current = true;
        const asked = generation.current;
        try {
            const answer = await api.accounts.totp(account.id, reason.trim());
            if (asked === generation.current && !document.hidden) {
                setCode(current => ({ ...answer, until: current ? current.until
                    : Date.now() + timing.revealSeconds * 1000, stepEnds: Date.now() + answer.secondsLeft * 1000 }));
                setLeft(answer.secondsLeft);
                setError(null);
            }
        } catch (e) {
            setCode(null);
            setError(e);
        } finally {
            pending.current = false;
        }
    };
    useTicker(() => {
        const seconds = Math.max(0, Math.ceil((code.stepEnds - Date.now()) / 1000));
        setLeft(seconds);
        if (Date.now() >= code.until) {
            hide();
        } else if (seconds === 0) {
            fetchCode();
        }
    }, code !== null);
    if (!code) {
        return html`<button type="button" class="secondary" onClick=${() => reasonOk() && fetchCode()}>
                Show code</button>
            ${error && html`<${ProblemMessage} error=${error} />`}`;
    }
    // Only the code is announced, when it changes; the countdown would speak every second.
    return html`<span class="totp">
        <code class="totp-code secret" aria-live="polite">${code.code}</code>
        <span class="totp-left">${left} s left</span>
        <span class="totp-bar" aria-hidden="true"><span class="totp-bar-fill"
            style=${{ width: `${(100 * left) / code.period}%` }}></span></span>
        ${left <= 5 && code.nextCode
            && html`<span class="totp-next">Next: <code class="secret">${code.nextCode}</code></span>`}
        <button type="button" class="secondary" onClick=${hide}>Hide code</button>
    </span>`;
}

const CLASSES = [['LOWERCASE', 'a–z'], ['UPPERCASE', 'A–Z'], ['DIGITS', '0–9'], ['SYMBOLS', 'Symbols']];

/** Escrowing the first login (version 1), or a rotation that replaces the version it was loaded with. */
function CredentialForm({ account, first, onStored }) {
    const empty = { loginIdentifier: '', password: '', totpUri: '', reason: first ? 'Escrow at registration' : '' };
    const [fields, setFields] = useState(empty);
    const [base, setBase] = useState(account.credentialVersion);
    const [conflict, setConflict] = useState(null);
    const [stored, setStored] = useState(null);
    const [reasonError, setReasonError] = useState(null);
    const form = useRef(null);
    const set = name => value => setFields({ ...fields, [name]: value });
    // A stored rotation (this one, or one the person chose to replace) moves the version this form replaces.
    useEffect(() => setBase(account.credentialVersion), [account.credentialVersion]);
    useWhenSessionEnds(() => setFields(current => ({ ...current, password: '', totpUri: '' })));
    const { busy, error, setError, run } = useAction(async () => {
        const change = { reason: fields.reason.trim() };
        ['loginIdentifier', 'password'].forEach(name => {
            if (fields[name] !== '') {
                change[name] = fields[name];
            }
        });
        if (fields.totpUri.trim() !== '') {
            change.totp = fields.totpUri.trim().startsWith('otpauth://')
                ? { uri: fields.totpUri.trim() } : { secret: fields.totpUri.replace(/\s/g, '') };
        }
        try {
            const answer = await api.accounts.rotate(account.id, base, change);
            setFields({ ...empty, reason: '' });
            setConflict(null);
            setStored(answer.data.version);
            await onStored();
        } catch (e) {
            if (e.status === 412) {
                const latest = await api.accounts.get(account.id);
                // Holders may not read the history: then the account's own last change says when.
                const newest = await api.accounts.versions(account.id).then(all => all.find(v => v.current))
                    .catch(() => null);
                setConflict({ version: latest.credentialVersion, at: newest ? newest.createdAt : latest.updatedAt,
                    why: newest && newest.reason });
                return;
            }
            throw e;
        }
    });
    const submit = async e => {
        e.preventDefault();
        setStored(null);
        if (fields.reason.trim().length < MIN_REASON) {
            setError(null);
            setReasonError(`Say why, in at least ${MIN_REASON} characters.`);
            focusFirstError(form.current);
            return;
        }
        setReasonError(null);
        await run();
        focusFirstError(form.current);
    };
    const errors = error ? error.fieldErrors : {};
    return html`<form ref=${form} class="stack narrow credential-form" onSubmit=${submit} novalidate>
        <${ProblemMessage} error=${error} />
        ${conflict && html`<div class="problem" role="alert" tabindex="-1">
            <p class="problem-headline">${`Someone rotated this at ${formatTime(conflict.at)}: it is now version ${
                conflict.version}${conflict.why ? ` ("${conflict.why}")` : ''}. Your change was not stored.`}</p>
            <p>Check with them first: your change would replace theirs. What you typed is still in the form.</p>
            <div class="actions"><button type="button" onClick=${async () => {
                setBase(conflict.version);
                setConflict(null);
                await onStored();
            }}>Replace version ${conflict.version} with my change</button></div>
        </div>`}
        ${stored && html`<p class="success" role="status">Stored as version ${stored}.</p>`}
        <${Field} label="Login (username or email)" value=${fields.loginIdentifier} onValue=${set('loginIdentifier')}
            autocomplete="off" maxlength="320" required=${first} error=${errors.loginIdentifier}
            hint=${first ? null : 'Leave empty to keep the current one.'} />
        <${PasswordInput} platform=${account.platform} value=${fields.password} onValue=${set('password')}
            error=${errors.password} />
        <${Field} label="MFA seed (optional)" value=${fields.totpUri} onValue=${set('totpUri')} autocomplete="off"
            maxlength="1000" error=${errors.totp || errors['totp.uri'] || errors['totp.secret']}
            hint="The otpauth:// address of the account's QR code, or its base32 key, so DGIT can get codes too." />
        <${Field} label="Reason" value=${fields.reason} onValue=${set('reason')} maxlength="500" required
            error=${reasonError || errors.reason}
            hint="Kept with this version: at least 10 characters, e.g. why the password changed." />
        <div class="actions"><button type="submit" disabled=${busy}>${first ? 'Escrow as version 1'
            : `Store as version ${base + 1}`}</button></div>
    </form>`;
}

/** A password field with a generator (length, character classes) and a strength meter. */
function PasswordInput({ platform, value, onValue, error }) {
    const [visible, setVisible] = useState(false);
    const [length, setLength] = useState('24');
    const [classes, setClasses] = useState(CLASSES.map(([key]) => key));
    const generator = useAction(async () => {
        const generated = await api.passwords.generate(platform, Number(length), classes);
        onValue(generated.password);
    });
    const strength = estimate(value);
    return html`<div class="password-input">
        <${Field} label="Password" type=${visible ? 'text' : 'password'} value=${value} onValue=${onValue}
            autocomplete="off" maxlength="1024" error=${error} spellcheck="false" />
        <div class="actions">
            <${Checkbox} label="Show password" checked=${visible} onChecked=${setVisible} />
        </div>
        ${value && html`<div class="strength">
            <label for="password-strength">Strength: ${strength.label}</label>
            <meter id="password-strength" min="0" max="4" low="2" high="3" optimum="4" value=${strength.score}>
                ${strength.label}</meter>
            <span class="muted">about ${strength.bits} bits</span>
        </div>`}
        <fieldset class="generator">
            <legend>Generate one</legend>
            <${Field} label="Length" type="number" min="16" max="64" value=${length} onValue=${setLength} />
            <div class="filter-checks">${CLASSES.map(([key, label]) => html`<${Checkbox} label=${label}
                checked=${classes.includes(key)}
                onChecked=${on => setClasses(on ? [...classes, key] : classes.filter(c => c !== key))} />`)}</div>
            <${ProblemMessage} error=${generator.error} />
            <button type="button" class="secondary" disabled=${generator.busy || classes.length === 0}
                onClick=${() => generator.run()}>Generate a password</button>
        </fieldset>
    </div>`;
}

/** A rough strength: bits from length and the character classes used, less for repeats; a guide, not a rule. */
export function estimate(password) {
    if (!password) {
        return { score: 0, bits: 0, label: 'none' };
    }
    const pools = [[/[a-z]/, 26], [/[A-Z]/, 26], [/[0-9]/, 10], [/[^a-zA-Z0-9]/, 33]];
    const pool = pools.reduce((sum, [pattern, size]) => sum + (pattern.test(password) ? size : 0), 0);
    const distinct = new Set(password).size;
    const bits = Math.round(Math.min(password.length, distinct * 1.5) * Math.log2(pool));
    const score = bits < 40 ? 1 : bits < 60 ? 2 : bits < 80 ? 3 : 4;
    return { score, bits, label: ['none', 'weak', 'fair', 'good', 'strong'][score] };
}

function Versions({ versions, directory }) {
    return html`<section aria-labelledby="versions-title">
        <h2 id="versions-title">Versions</h2>
        <table class="versions">
            <thead><tr><th scope="col">Version</th><th scope="col">When</th><th scope="col">Who</th>
                <th scope="col">Why</th><th scope="col">Changed</th></tr></thead>
            <tbody>${versions.map(v => html`<tr>
                <td data-label="Version">${v.version}${v.current ? ' (current)' : ''}</td>
                <td data-label="When">${formatDateTime(v.createdAt)}</td>
                <td data-label="Who">${directory.personName(v.createdBy)}</td>
                <td data-label="Why">${v.reason}</td>
                <td data-label="Changed">${v.changedFields.map(f => FIELD_LABELS[f] || f).join(', ')}</td>
            </tr>`)}</tbody>
        </table>
    </section>`;
}

function AccountAudit({ account }) {
    const [entries, setEntries] = useState(null);
    const [error, setError] = useState(null);
    useEffect(() => {
        api.accounts.audit(account.id).then(page => setEntries(page.items)).catch(setError);
    }, [account.id, account.credentialVersion]);
    return html`<section aria-labelledby="audit-title">
        <h2 id="audit-title">Audit trail of this account</h2>
        <${ProblemMessage} error=${error} />
        ${entries && (entries.length === 0 ? html`<p>No entries yet.</p>` : html`<table class="audit">
            <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th>
                <th scope="col">Outcome</th><th scope="col">Reason</th></tr></thead>
            <tbody>${entries.map(e => html`<tr>
                <td data-label="When">${formatDateTime(e.occurredAt)}</td>
                <td data-label="Who">${e.actorName || e.actorId}</td>
                <td data-label="What">${e.action.toLowerCase().replaceAll('_', ' ')}</td>
                <td data-label="Outcome">${e.outcome.toLowerCase()}</td>
                <td data-label="Reason">${e.reason}</td>
            </tr>`)}</tbody>
        </table>`)}
    </section>`;
}
