// Column builders many tables share.
import { timestamp } from 'drizzle-orm/pg-core';

/** When the row was written (not when what it records happened). */
export const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
