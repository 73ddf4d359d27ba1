import GRDB

/// The workspace database's tables, created and upgraded by migrations.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE scan_file (
                        id INTEGER PRIMARY KEY,
                        sha256 TEXT NOT NULL UNIQUE,
                        name TEXT NOT NULL,
                        stored TEXT,
                        page_count INTEGER,
                        error TEXT,
                        imported_at TEXT NOT NULL
                    );
                    CREATE TABLE page (
                        id INTEGER PRIMARY KEY,
                        file_id INTEGER NOT NULL REFERENCES scan_file(id),
                        page_number INTEGER NOT NULL,
                        status TEXT NOT NULL CHECK (status IN ('identified', 'unidentified', 'duplicate', 'failed')),
                        reason TEXT,
                        form TEXT,
                        form_version INTEGER,
                        sheet TEXT,
                        duplicate_of INTEGER REFERENCES page(id),
                        dpi REAL,
                        rotation INTEGER,
                        scale REAL,
                        residual_mm REAL,
                        ink_signature BLOB,
                        preview BLOB,
                        processed_at TEXT NOT NULL,
                        UNIQUE (file_id, page_number)
                    );
                    CREATE INDEX page_sheet ON page(sheet);
                    CREATE TABLE record (
                        id INTEGER PRIMARY KEY,
                        page_id INTEGER NOT NULL REFERENCES page(id),
                        form TEXT NOT NULL,
                        row INTEGER,
                        status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'verified', 'registered')),
                        verified_by TEXT,
                        verified_at TEXT,
                        registered_at TEXT,
                        registered_by TEXT,
                        registered_system TEXT,
                        follow_up INTEGER NOT NULL DEFAULT 0,
                        comment TEXT
                    );
                    CREATE INDEX record_page ON record(page_id);
                    CREATE TABLE field (
                        id INTEGER PRIMARY KEY,
                        record_id INTEGER NOT NULL REFERENCES record(id),
                        field_id TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        pattern TEXT,
                        value TEXT,
                        read_value TEXT,
                        confidence REAL NOT NULL,
                        review INTEGER NOT NULL,
                        alternatives TEXT NOT NULL DEFAULT '[]',
                        messages TEXT NOT NULL DEFAULT '[]',
                        crop BLOB,
                        verified INTEGER NOT NULL DEFAULT 0,
                        verified_by TEXT,
                        verified_at TEXT,
                        version INTEGER NOT NULL DEFAULT 0,
                        UNIQUE (record_id, field_id)
                    );
                    CREATE TABLE audit (
                        id INTEGER PRIMARY KEY,
                        at TEXT NOT NULL,
                        clerk TEXT NOT NULL,
                        action TEXT NOT NULL,
                        record_id INTEGER,
                        field_id TEXT,
                        old_value TEXT,
                        new_value TEXT,
                        note TEXT,
                        prev_hash TEXT NOT NULL,
                        hash TEXT NOT NULL
                    );
                    CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
                        BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
                    CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit
                        BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
                    CREATE TABLE clerk_position (
                        clerk TEXT PRIMARY KEY,
                        record_id INTEGER,
                        field_id TEXT,
                        order_mode TEXT
                    );
                    """)
        }
        // Workspace settings such as the outage's end date (status, report).
        migrator.registerMigration("v2-setting") { db in
            try db.execute(sql: "CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        }
        migrator.registerMigration("v3-typed", migrate: TypedSchema.migrate)
        // A page with nothing written on it (a blank sheet, an instruction page) is kept, marked so.
        migrator.registerMigration("v4-blank-pages") { db in
            try db.alter(table: "page") { t in t.add(column: "blank", .boolean).notNull().defaults(to: false) }
        }
        return migrator
    }
}
