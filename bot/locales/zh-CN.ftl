## 通用
fault = 抱歉，系统出了点问题，这条消息没有保存。请稍后再试。
unknown-command = 没有这个命令。发送 /help 查看能做什么。
not-understood = 没看懂这条消息。发送 /help 查看能做什么。
only-private = 请私聊机器人使用这个功能。

## 菜单按钮
button-checkin = 📍 打卡
button-diary = 📝 民情日记
button-leave = 🗓 请假
button-me = 👤 我的
button-report = 📣 举报

## 命令菜单
command-start = 开始
command-help = 帮助
command-checkin = 打卡
command-diary = 写民情日记
command-leave = 请假
command-return = 销假
command-me = 我的本月情况
command-report = 匿名举报
command-followup = 查询举报进展

## 帮助与绑定
help-cadre =
    驻村助手可以帮您：
    📍 打卡 —— 点「打卡」按钮发送当前位置，每天在村记一天
    📝 民情日记 —— 直接发文字、照片或语音
    🗓 请假 /leave，销假 /return
    👤 /me —— 本月在村天数、请假、预警和整改事项
    📣 /report —— 匿名举报
help-guest =
    您好！这里是驻村干部管理助手。
    • 任何人都可以用 /report 匿名举报驻村干部的问题，并用回执码 /followup 查询进展。
    • 驻村干部请使用组织部门发给您的绑定链接。
start-linked-cadre = 绑定成功：{ $name }，{ $village }。以后每天点「📍 打卡」发送位置即可。
start-linked-user = 绑定成功：{ $name }。有待审批事项时会通知您。
invitation-unknown = 这个绑定码无效。请向组织部门索取新的绑定链接。
invitation-used = 这个绑定码已经用过了。如需重新绑定，请向组织部门索取新的链接。
invitation-expired = 这个绑定码已过期（有效期 7 天）。请向组织部门索取新的链接。
not-linked = 这个功能只对已绑定的驻村干部开放。请使用组织部门发给您的绑定链接。
no-assignment = 您目前没有在岗的驻村任务，无法打卡。如有疑问请联系县委组织部。

## 打卡
checkin-ask = 请点下面的「📍 打卡」按钮，发送您现在的位置。
checkin-forwarded = 转发的位置不能打卡。请点「📍 打卡」发送您现在的位置。
checkin-venue = 地点（场所）不能用来打卡。请点「📍 打卡」发送您现在的位置。
checkin-stale = 这个位置不是刚刚发送的。请点「📍 打卡」重新发送当前位置。
checkin-inside = ✅ 打卡成功，{ $date } 在村。
checkin-inside-again = ✅ 已记录。今天（{ $date }）已经算在村一天，不会重复计算。
checkin-outside = ⚠️ 您距离{ $village }约 { $distance }，在村范围（{ $radius }）以外。这次位置已记录，但今天不算在村。
checkin-returned = 🔙 已为您销假（{ $date }），欢迎回村。
month-so-far = { $month }：在村 { $inVillage } 天，请假 { $leave } 天，{ $needed ->
        [0] 本月已达到 { $required } 天的要求
       *[other] 还需 { $needed } 天（本月要求 { $required } 天）
    }。
checkin-photo-hint = 如愿意，可以再发一张现场照片（不是必须的）。
checkin-photo-saved = 📷 照片已附在今天的打卡记录上。

## 民情日记
diary-saved = 📝 民情日记已保存（{ $date }）。本月已写 { $count } 篇。
diary-empty = 民情日记需要文字、照片或语音。
diary-ask = 请直接发送今天的民情日记：文字、照片或语音都可以。
diary-undo = 撤销这篇
diary-undone = 已撤销这篇民情日记。
diary-undo-too-late = 只能撤销当天写的日记，这篇已无法撤销。

## 请假与销假
conversation-cancelled = 已取消，什么都没有保存。
nothing-to-cancel = 现在没有进行中的操作。
leave-ask-kind = 请假类型：
leave-kind-personal = 事假
leave-kind-sick = 病假
leave-kind-official = 公出
leave-kind-other = 其他
leave-pick-kind = 请点上面的按钮选择请假类型，或发送 /cancel 取消。
leave-ask-from = 从哪天开始？可以写 2026-12-01、12月1日 或 明天。
leave-ask-to = 到哪天结束（含当天）？开始日期是 { $from }。
leave-text-please = 请用文字回答，或发送 /cancel 取消。
leave-date-invalid = 这个日期不存在，请再看一下（例如 2月30日 是没有的）。
leave-date-unrecognised = 没看懂这个日期。请写成 2026-12-01、12月1日、今天 或 明天。
leave-from-past = 请假不能从过去的日期开始，最早可以从 { $date } 开始。
leave-to-before-from = 结束日期不能早于开始日期 { $date }。
leave-ask-reason = 请简单写一下请假事由。
leave-reason-length = 事由不能为空，也不要超过 { $max } 个字。
leave-summary =
    请确认：
    类型：{ $kind }
    时间：{ $from } 至 { $to }
    事由：{ $reason }
leave-confirm-yes = ✅ 提交
leave-confirm-no = ❌ 取消
leave-confirm-please = 请点「✅ 提交」或「❌ 取消」。
leave-cancelled = 已取消，这次请假没有提交。
approver-township = 乡镇党委
approver-dispatchingUnit = 派出单位
approver-county = 县委组织部
leave-filed = 🗓 请假已提交（共 { $days } 天），审批顺序：{ $chain }。有结果会通知您。
leave-no-approver-linked = 提示：审批人还没有绑定机器人，请同时当面或电话报告。
leave-refused-no-assignment = 您目前没有在岗的驻村任务，无法请假。
leave-refused-leave-ends-before-start = 结束日期早于开始日期，请重新填写。
leave-refused-leave-starts-in-past = 请假需要事先申请，不能从过去的日期开始。
leave-refused-leave-overlaps = 这段时间与您已有的请假重叠了。可以在 /me 里撤回原来的请假后再申请。
leave-refused-leave-outside-assignment = 这段时间不在您的驻村任期内。
leave-refused-duplicate = 这次请假已经提交过了。
leave-refused-leave-not-pending = 这条请假已经处理过了。
leave-refused-not-your-step = 现在还不轮到您审批这条请假。
leave-refused-out-of-scope = 这名干部不在您的管理范围内。
leave-request-to-approver =
    🗓 请假待审批（{ $step }）
    { $name }（{ $village }）
    { $kind }：{ $from } 至 { $to }，共 { $days } 天
    事由：{ $reason }
leave-approve = ✅ 批准
leave-reject = ❌ 不批准
leave-not-yours = 您不能审批这条请假。
leave-you-approved = 已批准 { $name } 的请假。
leave-you-rejected = 已不批准 { $name } 的请假。
leave-approved = ✅ 您 { $from } 至 { $to } 的请假已批准（{ $by }）。回村后打卡即自动销假，也可以发送 /return。
leave-rejected = ❌ 您 { $from } 至 { $to } 的请假未获批准（{ $by }）。
leave-step-approved = { $by }已同意您 { $from } 至 { $to } 的请假，正等待{ $next }审批。
leave-withdraw = 撤回 { $from } 的请假
leave-withdrawn = 已撤回 { $from } 至 { $to } 的请假。
leave-cannot-withdraw = 这条请假已无法撤回（已经开始或已处理）。
return-nothing = 您现在没有需要销假的请假。

## 我的
me-title = 👤 { $name }（{ $village }）
me-leave-pending = 🗓 待审批：{ $kind } { $from } 至 { $to }
me-leave-active = 🗓 请假中：{ $kind } { $from } 至 { $to }（回村打卡即销假）
me-leave-future = 🗓 已批准：{ $kind } { $from } 至 { $to }
me-leave-overdue = ⚠️ { $from } 至 { $to } 的请假已到期但还没有销假，超出的天数不算请假。请回村打卡或发送 /return。
me-flag = 🔔 预警 §{ $clause }（{ $situation }），{ $date } 起，等待组织核实
me-case = 📂 教育整改 §{ $clause }（{ $situation }），{ $date } 立案
me-deadline = 　· { $step }：{ $due } 截止，还有 { $left } 个工作日{ $provisional }
me-deadline-overdue = 　· { $step }：{ $due } 已截止，超期 { $left } 个工作日{ $provisional }
deadline-appeal = 申请复核
deadline-appealAnswer = 复核答复
deadline-recall = 请回单位
deadline-return = 重新派回
deadline-replacement = 另行选派
provisional = （暂按法定节假日计算）
me-nothing-open = 没有预警或整改事项。
