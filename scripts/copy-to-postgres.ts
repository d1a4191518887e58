// `DATABASE_URL=postgres://… npm run copy-to-postgres -- ./data`: copies the maps of one server's
// SQLite file into PostgreSQL and verifies them (server/store/postgres/copyFromSqlite.ts), for a team
// that moves up to several servers (docs/deploy.md, "Moving up from one server"). The folder is the
// server's DATA_DIR (default ./data); the file in it is touchpoint.sqlite, which is only read.
// Exit code 0: every map is in PostgreSQL, verified; 1: something was not copied (the report says
// what and why) or the run could not start.
import { join, resolve } from 'node:path';
import { conclusion, copyFromSqlite, CopyError, succeeded } from '../server/store/postgres/copyFromSqlite';
import { redactUrl } from '../server/scaleOut';

async function main(): Promise<number> {
  const databaseUrl = process.env.DATABASE_URL?.trim();
  if (!databaseUrl) {
    console.error('DATABASE_URL is not set: give the PostgreSQL database to copy into, e.g.\n  DATABASE_URL=postgres://touchpoint:secret@db.example:5432/touchpoint npm run copy-to-postgres -- ./data');
    return 1;
  }
  const folder = resolve(process.argv[2] ?? process.env.DATA_DIR ?? 'data');
  const sqliteFile = join(folder, 'touchpoint.sqlite');
  console.log(`Copying ${sqliteFile} into ${redactUrl(databaseUrl)}.`);
  console.log('The server must be stopped while copying: what it writes after a map is copied would not be in PostgreSQL. The SQLite file is only read (one from an older version is first brought up to date, as the server\'s start would).');
  try {
    const report = await copyFromSqlite({ sqliteFile, databaseUrl, say: (line) => console.log(line) });
    for (const line of conclusion(report)) console.log(line);
    return succeeded(report) ? 0 : 1;
  } catch (error) {
    if (!(error instanceof CopyError)) throw error;
    console.error(`Nothing was copied: ${error.message}`);
    return 1;
  }
}

process.exitCode = await main();
