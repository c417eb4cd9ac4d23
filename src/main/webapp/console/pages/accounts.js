// The accounts the signed-in person may see: search, filters, sort and pages, with what needs attention.
import {
    html, useState, useEffect, useContext, ConsoleContext, Field, Checkbox, Badge, Link, ProblemMessage, usePageTitle,
    PLATFORMS, platformName, formatDateTime, useAddressFilters, useCursorPages, useLoaded, Pager, holdsAny,
    statusWords, ACCOUNT_STATUS
} from '../components.js';
import * as api from '../api.js';
import { useDirectory } from '../directory.js';

const SORTS = [
    ['displayName', 'Name'], ['platform', 'Platform'], ['department', 'Department'], ['status', 'Status'],
    ['rotationDueAt', 'Rotation due'], ['updatedAt', 'Last changed']
];
const FILTERS = ['text', 'department', 'platform', 'status', 'holder', 'rotation', 'backup', 'sort', 'limit'];
const PAGE_SIZE = '25';

/** What needs attention on an account, as badges. */
export function AccountBadges({ account }) {
    const now = Date.now();
    const overdue = account.rotationDueAt && Date.parse(account.rotationDueAt) < now;
    return html`<span class="badges">
        ${overdue && html`<${Badge} tone="danger">Rotation overdue<//>`}
        ${account.rotationRequiredSince && !overdue && html`<${Badge} tone="warn">${'Flagged for rotation'
            + (account.rotationDueAt ? ', due by ' + formatDateTime(account.rotationDueAt) : '')}<//>`}
        ${account.credentialVersion === 0 && html`<${Badge} tone="info">Nothing escrowed<//>`}
        ${account.credentialVersion > 0 && account.totpSeedEscrowed === false
            && html`<${Badge} tone="info">No MFA seed escrowed<//>`}
        ${account.status !== 'ACTIVE' && html`<${Badge} tone=${account.status === 'SUSPENDED' ? 'danger' : 'muted'}>
            ${statusWords(account.status)}<//>`}
    </span>`;
}

export function AccountsPage() {
    const { session } = useContext(ConsoleContext);
    usePageTitle('Accounts');
    const directory = useDirectory(session);
    const { filters, change, search } = useAddressFilters('/accounts', FILTERS);
    const [text, setText] = useState(filters.text);
    // Back, forward and the navigation change the address under the page: the box follows it.
    useEffect(() => setText(filters.text), [filters.text]);
    const pages = useCursorPages(search);
    const list = useLoaded(() => api.accounts.list({
        ...filters, after: pages.cursor, limit: filters.limit || PAGE_SIZE
    }), [search, pages.cursor]);
    const sort = filters.sort || 'displayName';
    const sortBy = key => change('sort', sort === key ? '-' + key : key);
    const canRegister = holdsAny(session, ['DGIT_ADMIN', 'DEPARTMENT_OWNER']);
    const departments = [...directory.departments.values()];

    return html`<div class="page-head">
            <h1>Accounts</h1>
            ${canRegister && html`<${Link} class="button" href="/accounts/new">Register an account<//>`}
        </div>
        <form class="filters" role="search" aria-label="Find accounts" onSubmit=${e => {
            e.preventDefault();
            change('text', text);
        }}>
            <${Field} label="Search" type="search" value=${text} onValue=${setText}
                hint="Name, handle or profile address" />
            ${departments.length > 0 && html`<${Field} as="select" label="Department" value=${filters.department}
                onValue=${v => change('department', v)}>
                <option value="">All departments</option>
                ${departments.map(d => html`<option value=${d.id}>${d.name}</option>`)}
            <//>`}
            <${Field} as="select" label="Platform" value=${filters.platform} onValue=${v => change('platform', v)}>
                <option value="">All platforms</option>
                ${PLATFORMS.map(([key, name]) => html`<option value=${key}>${name}</option>`)}
            <//>
            <${Field} as="select" label="Status" value=${filters.status} onValue=${v => change('status', v)}>
                <option value="">Any status</option>
                ${Object.entries(ACCOUNT_STATUS).map(([key, words]) => html`<option value=${key}>${words}</option>`)}
            <//>
            <${Field} as="select" label="Rotation" value=${filters.rotation} onValue=${v => change('rotation', v)}>
                <option value="">Any</option>
                <option value="DUE">Due or required</option>
                <option value="OVERDUE">Overdue</option>
            <//>
            <${Field} as="select" label="Sort by" value=${sort} onValue=${v => change('sort', v)}>
                ${SORTS.map(([key, label]) => html`<option value=${key}>${label}</option>`)}
                ${SORTS.map(([key, label]) => html`<option value=${'-' + key}>${label}, descending</option>`)}
            <//>
            <div class="filter-checks">
                <${Checkbox} label="Only accounts I hold" checked=${filters.holder === session.id}
                    onChecked=${on => change('holder', on ? session.id : '')} />
                <${Checkbox} label="Missing a backup moderator" checked=${filters.backup === 'MISSING'}
                    onChecked=${on => change('backup', on ? 'MISSING' : '')} />
            </div>
            <div class="actions"><button type="submit">Search</button></div>
        </form>
        <${ProblemMessage} error=${list.error} />
        ${list.data && html`<${AccountTable} page=${list.data} directory=${directory} sort=${sort}
            onSort=${sortBy} />
        <${Pager} pages=${pages} nextCursor=${list.data.nextAfter} />`}`;
}

function AccountTable({ page, directory, sort, onSort }) {
    if (page.items.length === 0) {
        return html`<p class="empty" role="status">No account matches.</p>`;
    }
    const header = (key, label) => {
        const direction = sort === key ? 'ascending' : sort === '-' + key ? 'descending' : undefined;
        return html`<th scope="col" aria-sort=${direction}>
            <button type="button" class="sort" onClick=${() => onSort(key)} aria-label=${'Sort by ' + label}>
                ${label}
                <span aria-hidden="true">${{ ascending: ' ▲', descending: ' ▼' }[direction] || ''}</span>
            </button></th>`;
    };
    return html`<table class="accounts">
        <caption class="visually-hidden">Accounts, ${page.items.length} on this page</caption>
        <thead><tr>
            ${header('displayName', 'Account')}${header('platform', 'Platform')}${header('department', 'Department')}
            <th scope="col">Holders</th>${header('rotationDueAt', 'Needs attention')}
        </tr></thead>
        <tbody>${page.items.map(account => html`<tr>
            <td data-label="Account">
                <${Link} href=${'/accounts/' + encodeURIComponent(account.id)}>${account.displayName}<//>
                <div class="muted">${account.handle}</div></td>
            <td data-label="Platform">${account.platformName || platformName(account.platform)}</td>
            <td data-label="Department">${directory.departmentName(account.departmentId)}</td>
            <td data-label="Holders">${directory.personName(account.contentOwnerId)}
                <div class="muted">backup: ${directory.personName(account.backupModeratorId)}</div></td>
            <td data-label="Needs attention"><${AccountBadges} account=${account} /></td>
        </tr>`)}</tbody>
    </table>`;
}
