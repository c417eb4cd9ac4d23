// Rotations due: the accounts the signed-in person may see whose credentials are due for rotation within a period,
// overdue ones first, from the schedule (each account's interval) and from flags an offboarding or suspension raised.
import {
    html, useContext, ConsoleContext, Field, Checkbox, Badge, Link, ProblemMessage, usePageTitle, platformName,
    formatDateTime, useAddressFilters, useLoaded
} from '../components.js';
import * as api from '../api.js';
import { useDirectory } from '../directory.js';

const PERIODS = [['P7D', 'the next 7 days'], ['P14D', 'the next 14 days'], ['P30D', 'the next 30 days'],
    ['P90D', 'the next 90 days'], ['P366D', 'the next year']];
const SOURCES = { ACCOUNT: 'its own', PLATFORM: "the platform's", DEFAULT: 'the default' };

export function RotationsPage() {
    const { session } = useContext(ConsoleContext);
    usePageTitle('Rotations due');
    const directory = useDirectory(session);
    const { filters, change, search } = useAddressFilters('/rotations', ['within', 'departmentId', 'holder']);
    const due = useLoaded(() => api.rotations.due({ ...filters, within: filters.within || 'P30D' }), [search]);
    const departments = [...directory.departments.values()];

    return html`<div class="page-head"><h1>Rotations due</h1></div>
        <form class="filters" aria-label="Which rotations" onSubmit=${e => e.preventDefault()}>
            <${Field} as="select" label="Due within" value=${filters.within || 'P30D'}
                onValue=${v => change('within', v)} hint="Overdue ones are always listed">
                ${PERIODS.map(([value, label]) => html`<option value=${value}>${label}</option>`)}
            <//>
            ${departments.length > 0 && html`<${Field} as="select" label="Department" value=${filters.departmentId}
                onValue=${v => change('departmentId', v)}>
                <option value="">All departments</option>
                ${departments.map(d => html`<option value=${d.id}>${d.name}</option>`)}
            <//>`}
            <div class="filter-checks">
                <${Checkbox} label="Only accounts I hold" checked=${filters.holder === session.id}
                    onChecked=${on => change('holder', on ? session.id : '')} />
            </div>
        </form>
        <${ProblemMessage} error=${due.error} />
        ${due.data && html`<${DueTable} due=${due.data} directory=${directory} />`}`;
}

function DueTable({ due, directory }) {
    if (due.items.length === 0) {
        return html`<p class="empty" role="status">Nothing is due in this period.</p>`;
    }
    return html`<table class="accounts">
        <caption class="visually-hidden">Rotations due, as of ${formatDateTime(due.asOf)}</caption>
        <thead><tr>
            <th scope="col">Account</th><th scope="col">Department</th><th scope="col">Due</th>
            <th scope="col">Why</th><th scope="col">Interval</th>
        </tr></thead>
        <tbody>${due.items.map(item => html`<tr>
            <td data-label="Account">
                <${Link} href=${'/accounts/' + encodeURIComponent(item.accountId)}>${item.displayName}<//>
                <div class="muted">${platformName(item.platform)} ${item.handle}</div></td>
            <td data-label="Department">${directory.departmentName(item.departmentId)}</td>
            <td data-label="Due">${formatDateTime(item.dueAt)}
                ${item.overdue && html` <${Badge} tone="danger">Overdue<//>`}</td>
            <td data-label="Why">${item.reason === 'REQUIRED' ? 'Flagged for rotation (someone left, or a suspension)'
                : 'Scheduled'}</td>
            <td data-label="Interval">${item.intervalDays} days, ${SOURCES[item.intervalSource] || ''}
                ${item.lastRotatedAt
                    && html`<div class="muted">last rotated ${formatDateTime(item.lastRotatedAt)}</div>`}
            </td>
        </tr>`)}</tbody>
    </table>
    ${due.truncated && html`<p class="muted" role="status">More are due than shown: narrow the period or the
        department.</p>`}`;
}
