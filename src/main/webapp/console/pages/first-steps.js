// What a person must do before anything else: change the initial password, set up an authenticator app and keep
// the recovery codes. The forms here serve the profile page too.
import {
    html, useState, useRef, useEffect, useContext, ConsoleContext, Field, ProblemMessage, focusFirstError, useAction,
    usePageTitle, CopyButton, useWhenSessionEnds
} from '../components.js';
import * as api from '../api.js';
// The QR-code WebJar is a UMD script: run as a module it sets window.QRCode. Imported here, it arrives with the first
// page that draws a QR code instead of with the console's first load.
import '/webjars/qrcode/1.0.2/lib/qrcode.min.js';

export function FirstStepsPage({ restriction }) {
    const { reloadSession } = useContext(ConsoleContext);
    const [codes, setCodes] = useState(null);
    const passwordFirst = restriction === 'password-change-required';
    usePageTitle(passwordFirst ? 'Choose your password' : 'Set up your authenticator app');
    if (codes) {
        return html`<h1>Keep your recovery codes</h1>
            <${RecoveryCodes} codes=${codes} onDone=${() => {
                setCodes(null);
                reloadSession();
            }} />`;
    }
    if (passwordFirst) {
        return html`<h1>Choose your password</h1>
            <p class="lead">Before anything else, replace the password you were given with one only you know.</p>
            <${PasswordChangeForm} onChanged=${() => reloadSession()} />`;
    }
    return html`<h1>Set up your authenticator app</h1>
        <p class="lead">The escrow holds the keys to the school's accounts, so every sign-in needs a code from an
        authenticator app on your phone as well as your password.</p>
        <${MfaEnrolment} onEnrolled=${setCodes} />`;
}

/** Current password, new password twice; the server's rule is at least 12 characters. */
export function PasswordChangeForm({ onChanged }) {
    const [current, setCurrent] = useState('');
    const [replacement, setReplacement] = useState('');
    const [repeated, setRepeated] = useState('');
    const [mismatch, setMismatch] = useState(null);
    const [done, setDone] = useState(false);
    const form = useRef(null);
    const { busy, error, run } = useAction(async () => {
        await api.session.changePassword(current, replacement);
        setCurrent('');
        setReplacement('');
        setRepeated('');
        setDone(true);
        await onChanged();
    });
    useWhenSessionEnds(() => {
        setCurrent('');
        setReplacement('');
        setRepeated('');
    });
    const submit = async e => {
        e.preventDefault();
        setDone(false);
        if (replacement !== repeated) {
            setMismatch('The two new passwords differ.');
            focusFirstError(form.current);
            return;
        }
        setMismatch(null);
        await run();
        focusFirstError(form.current);
    };
    const errors = error ? error.fieldErrors : {};
    return html`<form ref=${form} class="stack narrow" onSubmit=${submit} novalidate>
        <${ProblemMessage} error=${error} />
        ${done && html`<p class="success" role="status">Your password is changed. Your other sessions have ended.</p>`}
        <${Field} label="Current password" type="password" value=${current} onValue=${setCurrent}
            autocomplete="current-password" required error=${errors.currentPassword} />
        <${Field} label="New password" type="password" value=${replacement} onValue=${setReplacement}
            autocomplete="new-password" required minlength="12" error=${errors.newPassword}
            hint="At least 12 characters. A few unrelated words make a good one." />
        <${Field} label="New password again" type="password" value=${repeated} onValue=${setRepeated}
            autocomplete="new-password" required error=${mismatch} />
        <div class="actions"><button type="submit" disabled=${busy}>Change password</button></div>
    </form>`;
}

/**
 * Enrolment: the server makes a seed, the page draws its QR code (in the browser, from the otpauth URI) and shows
 * the key for typing in by hand, and a current code confirms it. An enrolled person proves the old seed first.
 */
export function MfaEnrolment({ onEnrolled, currentCodeNeeded }) {
    const [currentCode, setCurrentCode] = useState('');
    const [enrolment, setEnrolment] = useState(null);
    const [code, setCode] = useState('');
    const form = useRef(null);
    const start = useAction(async () => {
        setEnrolment(await api.session.startMfaEnrolment(currentCodeNeeded ? currentCode.trim() : null));
        setCurrentCode('');
    });
    const confirm = useAction(async () => {
        const answer = await api.session.confirmMfaEnrolment(code.trim());
        setEnrolment(null);
        setCode('');
        onEnrolled(answer.recoveryCodes);
    });
    useEffect(() => {
        if (!currentCodeNeeded) {
            start.run();
        }
    }, []);
    useWhenSessionEnds(() => setEnrolment(null));
    if (!enrolment) {
        if (!currentCodeNeeded) {
            return html`<${ProblemMessage} error=${start.error} />${!start.error && html`<p>Preparing…</p>`}`;
        }
        const submitStart = async e => {
            e.preventDefault();
            await start.run();
            focusFirstError(form.current);
        };
        return html`<form ref=${form} class="stack narrow" onSubmit=${submitStart} novalidate>
            <${ProblemMessage} error=${start.error} />
            <${Field} label="Code from your current authenticator app" value=${currentCode} onValue=${setCurrentCode}
                inputmode="numeric" autocomplete="one-time-code" maxlength="10" required
                hint=${'Proves it is you before the app is replaced. The old app keeps working until the new one'
                    + ' is confirmed.'} />
            <div class="actions"><button type="submit" disabled=${start.busy}>Set up a new app</button></div>
        </form>`;
    }
    const submit = async e => {
        e.preventDefault();
        await confirm.run();
        focusFirstError(form.current);
    };
    return html`<div class="enrolment">
        <ol class="steps">
            <li>Open your authenticator app (Microsoft Authenticator, Google Authenticator, 1Password, …) and add
                an account.</li>
            <li>Scan this code, or type the key below.</li>
            <li>Enter the six-digit code the app shows.</li>
        </ol>
        <${QrCode} text=${enrolment.otpauthUri} label="QR code to scan with your authenticator app" />
        <p>Key to type in by hand (time-based, ${enrolment.digits} digits, every ${enrolment.period} seconds):</p>
        <p class="manual-key"><code>${groups(enrolment.secret)}</code></p>
        <form ref=${form} class="stack narrow" onSubmit=${submit} novalidate>
            <${ProblemMessage} error=${confirm.error} />
            <${Field} label="Code from the app" value=${code} onValue=${setCode} inputmode="numeric"
                autocomplete="one-time-code" maxlength="10" required
                error=${confirm.error && confirm.error.fieldErrors.code} />
            <div class="actions"><button type="submit" disabled=${confirm.busy}>Confirm</button></div>
        </form>
    </div>`;
}

function groups(secret) {
    return secret.replace(/(.{4})/g, '$1 ').trim();
}

/** A QR code drawn as SVG by the QR-code WebJar (imported above): no image leaves the browser. */
export function QrCode({ text, label }) {
    const qr = new window.QRCode(0, 0, '8bit');
    qr.addData(text);
    qr.make();
    const count = qr.getModuleCount();
    let path = '';
    for (let row = 0; row < count; row++) {
        for (let col = 0; col < count; col++) {
            if (qr.isDark(row, col)) {
                path += `M${col + 4} ${row + 4}h1v1h-1z`;
            }
        }
    }
    const size = count + 8;
    return html`<svg class="qr" viewBox=${`0 0 ${size} ${size}`} role="img" aria-label=${label}
            xmlns="http://www.w3.org/2000/svg" shape-rendering="crispEdges">
        <rect width=${size} height=${size} fill="#fff" />
        <path d=${path} fill="#000" />
    </svg>`;
}

/** The one-time display of recovery codes: copy, download as text, print; then they are gone from the page. */
export function RecoveryCodes({ codes, onDone }) {
    const [kept, setKept] = useState(false);
    const text = codes.join('\n') + '\n';
    const download = () => {
        const url = URL.createObjectURL(new Blob([
            'Credential escrow recovery codes. Each works once, instead of a code from the app.\n\n' + text],
            { type: 'text/plain' }));
        const link = document.createElement('a');
        link.href = url;
        link.download = 'escrow-recovery-codes.txt';
        link.click();
        setTimeout(() => URL.revokeObjectURL(url), 1000);
    };
    return html`<div class="recovery-codes">
        <p class="lead">If you lose your phone, each of these codes signs you in once instead of a code from the app.
        They are shown this once: keep them somewhere safe, away from your phone.</p>
        <ol class="codes">${codes.map(code => html`<li><code>${code}</code></li>`)}</ol>
        <div class="actions no-print">
            <${CopyButton} value=${text} label="Copy the recovery codes" />
            <button type="button" class="secondary" onClick=${download}>Download as text</button>
            <button type="button" class="secondary" onClick=${() => window.print()}>Print</button>
        </div>
        <div class="no-print">
            <div class="checkbox">
                <input type="checkbox" id="codes-kept" checked=${kept} onChange=${e => setKept(e.target.checked)} />
                <label for="codes-kept">I have kept these codes somewhere safe</label>
            </div>
            <div class="actions"><button type="button" disabled=${!kept} onClick=${onDone}>Continue</button></div>
        </div>
    </div>`;
}
