// The console's one way to the server: the public REST API under /api/v1. The CSRF token lives only in this
// module's memory; after a reload it is fetched again from GET /session. Nothing here logs or stores a value.

const BASE = '/api/v1';

let csrfToken = null;
const sessionEndedListeners = new Set();

/** A refused or failed call: the API's problem document (RFC 9457), and the HTTP status. */
export class ApiError extends Error {
    constructor(status, problem, retryAfter) {
        super(problem.title || 'Request failed');
        this.status = status;
        this.problem = problem;
        this.retryAfter = retryAfter || null;
    }

    /** The problem type's last segment, e.g. "validation-failed", or "" for a non-problem answer. */
    get kind() {
        return (this.problem.type || '').split('/').pop();
    }

    /** Field name to message, from the problem's errors. */
    get fieldErrors() {
        return Object.fromEntries((this.problem.errors || []).map(e => [e.field, e.message]));
    }
}

/** Called with no argument when the API says the session is gone (expired, or signed out elsewhere). */
export function onSessionEnded(listener) {
    sessionEndedListeners.add(listener);
    return () => sessionEndedListeners.delete(listener);
}

export function rememberCsrfToken(token) {
    csrfToken = token || null;
}

/**
 * Calls the API with a JSON body, or a file (a Blob) sent as it is. Resolves to {data, etag, location, link, status};
 * rejects with an ApiError. A 401 on anything but a sign-in means the session ended: listeners hear of it before the
 * caller gets the error.
 */
export async function call(method, path, { body, headers = {} } = {}) {
    const init = {
        method,
        credentials: 'same-origin',
        cache: 'no-store',
        headers: { Accept: 'application/json, application/problem+json', ...headers }
    };
    if (body instanceof Blob) {
        // A file as it is (an upload): its own type, else bytes.
        init.body = body;
        init.headers['Content-Type'] = body.type || 'application/octet-stream';
    } else if (body !== undefined) {
        init.body = JSON.stringify(body);
        init.headers['Content-Type'] = 'application/json';
    }
    if (method !== 'GET' && csrfToken) {
        init.headers['X-CSRF-Token'] = csrfToken;
    }
    let response;
    try {
        response = await fetch(BASE + path, init);
    } catch {
        throw new ApiError(0, { title: 'The service cannot be reached', detail: 'Check the network and try again.' });
    }
    const type = response.headers.get('Content-Type') || '';
    const data = response.status !== 204 && type.includes('json') ? await response.json() : null;
    if (!response.ok) {
        const error = new ApiError(response.status, data || { title: response.statusText || 'Request failed' },
            response.headers.get('Retry-After'));
        const signingIn = method === 'POST' && (path === '/session' || path === SSO_SECOND_FACTOR);
        if (response.status === 401 && !signingIn) {
            csrfToken = null;
            sessionEndedListeners.forEach(listener => listener());
        }
        throw error;
    }
    return {
        data, etag: response.headers.get('ETag'), location: response.headers.get('Location'),
        link: response.headers.get('Link'), status: response.status
    };
}

export const get = path => call('GET', path).then(r => r.data);
export const post = (path, body) => call('POST', path, { body }).then(r => r.data);
export const del = path => call('DELETE', path).then(r => r.data);

/** A query string from an object, leaving out empty values. */
export function query(params) {
    const search = new URLSearchParams();
    Object.entries(params).forEach(([key, value]) => {
        if (value !== undefined && value !== null && value !== '' && value !== false) {
            search.set(key, String(value));
        }
    });
    const text = search.toString();
    return text ? '?' + text : '';
}

// The calls the console makes, named for what they do.

const SSO_SECOND_FACTOR = '/session/sso/second-factor';

/** The URL of a Link header's rel="end-session", if any. */
function endSessionOf(link) {
    const found = /<([^>]+)>\s*;\s*rel="?end-session"?/.exec(link || '');
    return found ? found[1] : null;
}

/** Campus sign-in: offered (its name and start address) or null, and the escrow's own code after it. */
export const singleSignOn = {
    offered: () => get('/session/sso').catch(e => {
        if (e.status === 404) {
            return null;
        }
        throw e;
    }),
    secondFactor: codes => post(SSO_SECOND_FACTOR, codes)
};

export const session = {
    current: () => get('/session'),
    signIn: credentials => post('/session', credentials),
    /** Resolves to the campus provider's end-session address after a campus sign-in, else null. */
    signOut: () => call('DELETE', '/session').then(r => endSessionOf(r.link)),
    changePassword: (currentPassword, newPassword) => post('/session/password', { currentPassword, newPassword }),
    startMfaEnrolment: code => post('/session/mfa', code ? { code } : {}),
    confirmMfaEnrolment: code => post('/session/mfa/confirmation', { code }),
    newRecoveryCodes: code => post('/session/mfa/recovery-codes', { code }),
    list: () => get('/sessions'),
    end: id => del('/sessions/' + encodeURIComponent(id)),
    endOthers: () => del('/sessions/others')
};

export const accounts = {
    list: params => get('/accounts' + query(params)),
    get: id => get('/accounts/' + encodeURIComponent(id)),
    create: account => call('POST', '/accounts', { body: account }),
    versions: id => get('/accounts/' + encodeURIComponent(id) + '/credentials/versions'),
    reveal: (id, reason, fields) =>
        post('/accounts/' + encodeURIComponent(id) + '/credentials/reveal', { reason, fields }),
    totp: (id, reason) => post('/accounts/' + encodeURIComponent(id) + '/credentials/totp', { reason }),
    rotate: (id, replacedVersion, change) => call('PUT', '/accounts/' + encodeURIComponent(id) + '/credentials', {
        body: change, headers: { 'If-Match': '"' + replacedVersion + '"' }
    }),
    audit: id => get('/audit/events' + query({ targetId: id, limit: 20 })),
    suspend: (id, reason, rotateCredentials) =>
        post('/accounts/' + encodeURIComponent(id) + '/suspension', { reason, rotateCredentials }),
    reinstate: (id, reason) => post('/accounts/' + encodeURIComponent(id) + '/reinstatement', { reason }),
    retire: (id, reason) => post('/accounts/' + encodeURIComponent(id) + '/retirement', { reason }),
    contentActions: id => get('/accounts/' + encodeURIComponent(id) + '/content-actions'),
    logContentAction: (id, description, takenAt) =>
        post('/accounts/' + encodeURIComponent(id) + '/content-actions', { description, takenAt })
};

export const requests = {
    list: params => get('/account-requests' + query(params)),
    get: id => get('/account-requests/' + encodeURIComponent(id)),
    create: request => post('/account-requests', request),
    approve: (id, comment, acknowledgeLowFte) =>
        post('/account-requests/' + encodeURIComponent(id) + '/approval', { comment, acknowledgeLowFte }),
    reject: (id, comment) => post('/account-requests/' + encodeURIComponent(id) + '/rejection', { comment }),
    withdraw: id => post('/account-requests/' + encodeURIComponent(id) + '/withdrawal')
};

export const duties = {
    policy: () => get('/duties/policy'),
    mine: () => get('/duties'),
    ofAccount: accountId => get('/duties' + query({ accountId })),
    acknowledge: (id, policyVersion) =>
        post('/duties/' + encodeURIComponent(id) + '/acknowledgement', { policyVersion })
};

export const rotations = {
    due: params => get('/rotations/due' + query(params)),
    setInterval: (accountId, days, reason) => call('PUT', '/accounts/' + encodeURIComponent(accountId)
        + '/rotation-interval', { body: { days, reason } }).then(r => r.data),
    clearInterval: accountId => del('/accounts/' + encodeURIComponent(accountId) + '/rotation-interval')
};

export const compliance = {
    report: departmentId => get('/compliance/report' + query({ departmentId })),
    /** A download address: the browser fetches it with the session cookie (a GET needs no CSRF token). */
    csvAddress: departmentId => BASE + '/compliance/report' + query({ departmentId, format: 'csv' })
};

export const attestations = {
    list: params => get('/attestations' + query(params)),
    get: id => get('/attestations/' + encodeURIComponent(id)),
    sign: (id, reportDigest, verdict, corrections) =>
        post('/attestations/' + encodeURIComponent(id) + '/signature', { reportDigest, verdict, corrections }),
    /** The exact CSV attested, to download. */
    reportAddress: id => BASE + '/attestations/' + encodeURIComponent(id) + '/report'
};

export const imports = {
    /** The file as the password manager wrote it; the password of a protected export percent-encoded in a header. */
    upload: (file, { format, departmentId }, password) => call('POST', '/imports' + query({ format, departmentId }),
        { body: file, headers: password ? { 'X-Import-Password': encodeURIComponent(password) } : {} }),
    get: id => get('/imports/' + encodeURIComponent(id)),
    map: (id, mapping) => call('PUT', '/imports/' + encodeURIComponent(id) + '/mapping', { body: mapping })
        .then(r => r.data),
    commit: id => post('/imports/' + encodeURIComponent(id) + '/commit'),
    cancel: id => del('/imports/' + encodeURIComponent(id))
};

export const directory = {
    departments: () => get('/departments'),
    createDepartment: department => call('POST', '/departments', { body: department }),
    people: () => get('/people'),
    person: id => get('/people/' + encodeURIComponent(id)),
    createPerson: person => call('POST', '/people', { body: person }),
    setUpSignIn: (id, username, initialPassword) =>
        call('PUT', '/people/' + encodeURIComponent(id) + '/sign-in', { body: { username, initialPassword } }),
    grant: (id, role, departmentId) =>
        post('/people/' + encodeURIComponent(id) + '/roles', departmentId ? { role, departmentId } : { role }),
    revoke: (id, grantId) => del('/people/' + encodeURIComponent(id) + '/roles/' + encodeURIComponent(grantId))
};

export const offboardings = {
    list: params => get('/offboardings' + query(params)),
    get: id => get('/offboardings/' + encodeURIComponent(id)),
    start: (departure, idempotencyKey) =>
        call('POST', '/offboardings', { body: departure, headers: { 'Idempotency-Key': idempotencyKey } }),
    handovers: () => get('/offboardings/handovers'),
    confirm: (caseId, itemId) => post('/offboardings/' + encodeURIComponent(caseId) + '/items/'
        + encodeURIComponent(itemId) + '/confirmation')
};

export const tokens = {
    list: () => get('/tokens'),
    create: token => post('/tokens', token),
    revoke: id => del('/tokens/' + encodeURIComponent(id))
};

export const audit = {
    events: params => get('/audit/events' + query(params)),
    verify: () => post('/audit/verifications'),
    /** A download address: the browser fetches it with the session cookie (a GET needs no CSRF token). */
    exportAddress: params => BASE + '/audit/export' + query(params)
};

export const keys = {
    versions: () => get('/keys'),
    rotations: () => get('/keys/rotations'),
    rotation: id => get('/keys/rotations/' + encodeURIComponent(id)),
    rotate: reason => post('/keys/rotations', { reason })
};

export const passwords = {
    generate: (platform, length, classes) => post('/passwords', { platform, length, classes })
};
