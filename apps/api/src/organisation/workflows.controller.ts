import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import {
  BUILT_IN_WORKFLOW_DOCUMENTS,
  DEFAULT_WORKFLOW_VERSIONS,
  parseWorkflowDocument,
  validateWorkflowDocument,
  WORKFLOW_DEFINITION_SCHEMA,
  type DecisionKind,
  type WorkflowDocument,
} from '@app/delegation';
import { problems } from '@app/kernel';
import { RequirePermission } from '../access/permission.decorator.js';

export class ValidateWorkflowRequest {
  @ApiPropertyOptional({ description: 'Định nghĩa quy trình dạng JSON / the definition as a JSON object (GET /api/v1/workflows/schema)' })
  @IsOptional() @IsObject()
  definition?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'Hoặc dạng YAML / or the definition as YAML text' })
  @IsOptional() @IsString() @MaxLength(500_000)
  yaml?: string;
}

class WorkflowVersionView {
  @ApiProperty() id: string;
  @ApiProperty() version: number;
  @ApiProperty() title: { vi: string; en: string };
  @ApiProperty({ description: 'Phiên bản mặc định cho đề xuất mới / the version new proposals start on by default' }) default: boolean;
}

const documents = () => BUILT_IN_WORKFLOW_DOCUMENTS as readonly WorkflowDocument[];
const noWorkflow = (id: string, version?: string) =>
  problems.notFound(
    version === undefined
      ? { vi: `Không có quy trình ${id}.`, en: `No workflow ${id}.` }
      : { vi: `Không có phiên bản ${version} của quy trình ${id}.`, en: `No version ${version} of workflow ${id}.` },
  );

/**
 * Workflow definitions as data: the published JSON Schema, each workflow's versions and each version's
 * document, and a check of a definition (JSON or YAML) that answers every error located by its JSON
 * pointer. Versions are the built-in documents (libs/delegation/src/workflows/definitions).
 */
@ApiTags('reference')
@ApiBearerAuth()
@Controller('api/v1/workflows')
export class WorkflowsController {
  @Get('schema')
  @ApiOperation({ summary: 'Lược đồ JSON của định nghĩa quy trình / the JSON Schema of a workflow definition' })
  schema() {
    return WORKFLOW_DEFINITION_SCHEMA;
  }

  @Get(':id/versions')
  @ApiOperation({ summary: 'Các phiên bản của một quy trình / the versions of a workflow' })
  @ApiOkResponse({ type: [WorkflowVersionView] })
  versions(@Param('id') id: string): WorkflowVersionView[] {
    const found = documents().filter((d) => d.id === id);
    if (found.length === 0) throw noWorkflow(id);
    return found
      .map((d) => ({ id: d.id, version: d.version, title: d.title, default: DEFAULT_WORKFLOW_VERSIONS[d.id as DecisionKind] === d.version }))
      .sort((a, b) => a.version - b.version);
  }

  @Get(':id/versions/:version')
  @ApiOperation({ summary: 'Một phiên bản quy trình (tài liệu định nghĩa) / one version, as its definition document' })
  version(@Param('id') id: string, @Param('version') version: string): WorkflowDocument {
    const d = /^[1-9][0-9]{0,5}$/.test(version) ? documents().find((x) => x.id === id && x.version === Number(version)) : undefined;
    if (!d) throw noWorkflow(id, version);
    return d;
  }

  @Post('validate')
  @HttpCode(200)
  @RequirePermission('workflows:manage')
  @ApiOperation({ summary: 'Kiểm tra một định nghĩa quy trình / check a definition: 200 when valid, 400 with every error located (JSON pointer, reason vi/en)' })
  validate(@Body() body: ValidateWorkflowRequest) {
    const given = body.definition !== undefined ? { ok: true as const, value: body.definition as unknown } : body.yaml !== undefined ? parseWorkflowDocument(body.yaml, 'yaml') : undefined;
    if (!given) {
      throw problems.validation([{ field: 'definition', constraint: 'required', reason: { vi: 'Cần gửi "definition" (JSON) hoặc "yaml"', en: 'Send "definition" (JSON) or "yaml"' } }]);
    }
    const check = given.ok ? validateWorkflowDocument(given.value) : given;
    if (!check.ok) {
      const prefix = body.definition !== undefined ? 'definition' : 'yaml';
      throw problems.validation(check.errors.map((e) => ({ field: `${prefix}${e.path}`, constraint: e.code, reason: e.reason })));
    }
    return { valid: true, id: check.document.id, version: check.document.version, stages: check.document.stages.length, steps: check.document.steps.length };
  }
}
