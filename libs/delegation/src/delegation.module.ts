import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DocumentStorage, PostgresDocumentStorage } from './application/documents/document-storage.js';
import { DocumentFiles } from './application/documents/document-files.js';
import { Module } from '@nestjs/common';
import { CalendarModule } from '@app/calendar';
import { CompareVersionsHandler } from './application/compare-versions.query.js';
import { DecisionReferences } from './application/decision-references.js';
import { DecisionStore } from './application/decision-store.js';
import { ExecuteDecisionCommandHandler } from './application/execute-decision-command.js';
import { ExpirySweep } from './application/expiry-sweep.js';
import { GetDecisionEventsHandler } from './application/get-decision-events.query.js';
import { GetDecisionHandler } from './application/get-decision.query.js';
import { ListDecisionsHandler } from './application/list-decisions.query.js';
import { DecisionSummaryHandler } from './application/decision-summary.query.js';
import { ListDeadlinesHandler } from './application/list-deadlines.query.js';
import { ListDecisionFindingsHandler, ListFindingsHandler } from './application/list-findings.query.js';
import { RegistryHoldersHandler } from './application/registry-holders.query.js';
import { DecisionInScope } from './application/decision-in-scope.js';
import { ListIssuedDecisionsNamingBodyHandler } from './application/list-issued-decisions-naming-body.query.js';
import { ReferenceData } from './application/reference-data.js';
import { DeadlineRecalculator } from './application/recompute-deadlines.js';

/** Delegation decisions: the command handler, the queries, the read models, the expiry of ủy quyền. */
@Module({
  imports: [CalendarModule],
  providers: [
    { provide: DocumentStorage, inject: [getDataSourceToken()], useFactory: (db: DataSource) => new PostgresDocumentStorage(db) },
    DocumentFiles,
    DecisionReferences,
    DecisionStore,
    ExecuteDecisionCommandHandler,
    GetDecisionHandler,
    GetDecisionEventsHandler,
    ListDecisionsHandler,
    DecisionSummaryHandler,
    ListDeadlinesHandler,
    CompareVersionsHandler,
    ExpirySweep,
    ReferenceData,
    ListDecisionFindingsHandler,
    ListFindingsHandler,
    RegistryHoldersHandler,
    DecisionInScope,
    ListIssuedDecisionsNamingBodyHandler,
    DeadlineRecalculator,
  ],
  exports: [DocumentFiles, DocumentStorage, DecisionStore, DecisionReferences, ExpirySweep, DecisionInScope, DeadlineRecalculator],
})
export class DelegationModule {}
