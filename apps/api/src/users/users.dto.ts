import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { USER_ROLES, type UserRole } from '@app/identity';
import { INT4_MAX } from '../common/bounds.js';

const PASSWORD_RULE = /^(?=.*\p{L})(?=.*\d).{10,200}$/u;
const PASSWORD_MESSAGE = 'password: ít nhất 10 ký tự, có chữ và số / at least 10 characters with letters and digits';

export class CreateUserRequest {
  @ApiProperty({ description: 'Tên đăng nhập: chữ thường, số, dấu . _ - (3–50) / user name: lower-case letters, digits, . _ - (3–50)', example: 'nguyen.van.a' })
  @IsString() @Matches(/^[a-z0-9][a-z0-9._-]{2,49}$/, { message: 'username: 3–50 ký tự a-z, 0-9, . _ - / 3–50 characters a-z, 0-9, . _ -' })
  username: string;

  @ApiProperty({ description: 'Họ và tên / display name', example: 'Nguyễn Văn A' })
  @IsString() @IsNotEmpty() @MaxLength(200)
  displayName: string;

  @ApiProperty({ description: 'Vai trò / role', enum: USER_ROLES })
  @IsIn(USER_ROLES)
  role: UserRole;

  @ApiProperty({ description: 'Cơ quan (thuộc tỉnh của bạn) / body, in your own province', example: 'tv-so-xay-dung' })
  @IsString() @IsNotEmpty() @MaxLength(100)
  bodyId: string;

  @ApiPropertyOptional({ description: 'Thư điện tử nhận nhắc việc / e-mail for reminders', example: 'a.nguyen@travinh.example' })
  @IsOptional() @IsEmail() @MaxLength(200)
  email?: string;

  @ApiProperty({ description: 'Mật khẩu ban đầu: ít nhất 10 ký tự, có chữ và số / initial password: at least 10 characters with letters and digits' })
  @IsString() @Matches(PASSWORD_RULE, { message: PASSWORD_MESSAGE })
  password: string;

  @ApiPropertyOptional({ description: 'Đang hoạt động / active', default: true })
  @IsOptional() @IsBoolean()
  active?: boolean;
}

export class UpdateUserRequest {
  @ApiPropertyOptional({ description: 'Họ và tên / display name' })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200)
  displayName?: string;

  @ApiPropertyOptional({ description: 'Vai trò (đổi vai trò thu hồi các mã truy cập đã cấp) / role (changing it revokes issued tokens)', enum: USER_ROLES })
  @IsOptional() @IsIn(USER_ROLES)
  role?: UserRole;

  @ApiPropertyOptional({ description: 'Cơ quan (đổi cơ quan thu hồi các mã truy cập đã cấp) / body (changing it revokes issued tokens)' })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100)
  bodyId?: string;

  @ApiPropertyOptional({ description: 'Thư điện tử; null để xóa / e-mail; null clears it', nullable: true })
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsEmail() @MaxLength(200)
  email?: string | null;

  @ApiPropertyOptional({ description: 'Đang hoạt động; false khóa tài khoản và mọi mã truy cập của nó / active; false locks the account and all its tokens' })
  @IsOptional() @IsBoolean()
  active?: boolean;
}

export class ChangePasswordRequest {
  @ApiProperty({ description: 'Mật khẩu mới: ít nhất 10 ký tự, có chữ và số / new password: at least 10 characters with letters and digits' })
  @IsString() @Matches(PASSWORD_RULE, { message: PASSWORD_MESSAGE })
  newPassword: string;

  @ApiPropertyOptional({ description: 'Mật khẩu hiện tại: bắt buộc khi tự đổi mật khẩu của mình / current password: required to change your own' })
  @IsOptional() @IsString() @MaxLength(200)
  currentPassword?: string;
}

/** Paging shared by the users' and failed logins' lists. */
class Page200Request {
  @ApiPropertyOptional({ default: 50, description: 'Số dòng mỗi trang / page size (1–200)' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit: number = 50;

  @ApiPropertyOptional({ default: 0, description: 'Bỏ qua / offset' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(INT4_MAX)
  offset: number = 0;
}

export class ListUsersRequest extends Page200Request {
  @ApiPropertyOptional({ description: 'Vai trò / role', enum: USER_ROLES })
  @IsOptional() @IsIn(USER_ROLES)
  role?: UserRole;

  @ApiPropertyOptional({ description: 'Cơ quan / body id' })
  @IsOptional() @IsString() @MaxLength(100)
  bodyId?: string;

  @ApiPropertyOptional({ description: 'Chỉ tài khoản đang hoạt động (true) hoặc đã khóa (false) / active (true) or deactivated (false) only' })
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  active?: boolean;
}

export class FailedLoginsRequest extends Page200Request {
  @ApiPropertyOptional({ description: 'Tên đăng nhập đã thử / the user name tried' })
  @IsOptional() @IsString() @MaxLength(200)
  username?: string;
}

export class UserView {
  @ApiProperty({ description: 'Mã người dùng / user id' }) id: string;
  @ApiProperty({ description: 'Tên đăng nhập / user name' }) username: string;
  @ApiProperty({ description: 'Họ và tên / display name' }) displayName: string;
  @ApiProperty({ description: 'Vai trò / role', enum: USER_ROLES }) role: UserRole;
  @ApiProperty({ description: 'Cơ quan / body id' }) bodyId: string;
  @ApiProperty({ description: 'Tỉnh (của cơ quan) / province (of the body)' }) provinceId: string;
  @ApiProperty({ description: 'Thư điện tử / e-mail', nullable: true, type: String }) email: string | null;
  @ApiProperty({ description: 'Đang hoạt động / active' }) active: boolean;
  @ApiProperty({ description: 'Thời điểm tạo / created at' }) createdAt: string;
  @ApiProperty({ description: 'Thời điểm sửa gần nhất / last changed at' }) updatedAt: string;
}
