/**
 * Migration in (issue 19): reading the export files of LastPass, Bitwarden, KeePassXC/KeePass 2, 1Password and
 * Chrome into normalized entries. This part reads bytes only; the preview, the mapping to departments and the storage
 * come on top of it.
 */
package edu.ucla.dgsom.escrow.imports;
