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
start-linked-user = 绑定成功：{ $name }。有待审批事项时会通知您；发送 /waiting 查看现在等您审批的请假，/login 登录管理端。
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
leave-nothing-waiting = 目前没有等您审批的请假。

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

## 举报
tip-unavailable = 抱歉，举报功能暂时还没有开通。
report-intro =
    📣 匿名举报
    请放心说，这里是匿名的：
    • 不记录您的 Telegram 账号、名字和电话，只保存您写下的内容；
    • 内容加密保存，只有负责处理的组织部门和纪检人员能看到；
    • 提交后您会拿到一个回执码，凭它查看进展、补充情况，不用留名。
    如果不想被认出来，内容里不要写自己的名字，照片里也不要拍到自己或自家。
    确认提交之前什么都不会保存，随时发 /cancel 可以取消。
report-ask-subject = 1/6 您要反映的是谁？写他的名字，或者他驻在哪个村都可以（例如：王某，羊排村的第一书记）。
report-ask-situation = 2/6 是什么样的问题？请点下面最接近的一项。
tip-situation-absent = 经常不在村里，不住村
tip-situation-money = 收钱收礼、在扶贫项目里捞好处、照顾亲友
tip-situation-rules = 大吃大喝、公款消费等违反纪律的事
tip-situation-fake = 民情日记或考勤作假
tip-situation-covering = 村干部违法乱纪，他不管也不报
tip-situation-disputes = 群众矛盾不及时处理，闹到上访
tip-situation-emergency = 出了大事故或群体性事件，不报告、不到场
tip-situation-slack = 不干实事、不了解村里情况，群众意见大
tip-situation-discipline = 不服从管理，和村支两委闹不团结
tip-situation-other = 其他问题
report-ask-when = 3/6 大概是什么时候的事？例如：上个月、今年3月、一直都这样。记不清就点「不清楚」。
report-ask-where = 4/6 在什么地方？例如：村委会、哪个组、哪个工地。不清楚就点「不清楚」。
report-not-sure = 不清楚
report-ask-details = 5/6 请把具体情况说一说：发生了什么，涉及多少钱或什么东西，还有谁知道。写得越清楚，越好核实。
report-ask-files = 6/6 有照片、视频或文件的话，现在可以发过来（最多 10 个），注意别拍到自己。没有就点「没有，跳过」。
report-files-more = 还有照片、视频或文件就接着发，发完了点「发完了」。
report-files-skip = 没有，跳过
report-files-done = 发完了
report-file-received = 📎 收到第 { $count } 个。还有就接着发，发完了点「发完了」。
report-files-full = 📎 收到第 { $count } 个，已经够了。
report-confirm =
    请核对一下：
    对象：{ $subject }
    问题：{ $situation }
    时间：{ $when }
    地点：{ $where }
    具体情况：{ $details }
    照片和文件：{ $files } 个
    转给：{ $unit ->
        [none] 组织部门，由他们转给负责的地方
       *[other] { $unit }
    }
    没问题就点「确认提交」。提交以后不能修改，但可以凭回执码补充。
report-submit = ✅ 确认提交
report-discard = ❌ 不提交了
report-saved =
    ✅ 举报已提交，谢谢您！
    您的回执码：
    <code>{ $code }</code>
    请马上抄下来或截图保存。回执码只显示这一次，我们没有保存它，丢了就找不回来。
    以后发送 /followup 加回执码，或者直接把回执码发过来，就能查看进展、看到回复、补充情况。
    为了更安全，记好回执码后可以把这段聊天删掉。
report-cancelled = 已取消，什么都没有保存。需要时再发 /report。
tip-busy = 您正在填写举报。要放弃请发 /cancel。
tip-need-text = 这一步请用文字回答。
tip-need-choice = 请点下面的按钮选一项。
tip-need-file = 这一步只收照片、视频或文件。
tip-need-confirm = 请点「确认提交」或「不提交了」。
tip-too-long = 写得太长了，请不要超过 { $max } 个字。
tip-too-short = 请再多写几句，让我们看得明白。
tip-flood-report = 这一小时里您已经提交了好几条举报，请过一会儿再来。
tip-flood-followup = 查得太频繁了，请过一分钟再试。
followup-ask = 请把回执码发过来（像这样：ABCD-EFGH-JKMN-PQRS-TVWX），或者发送 /followup 加回执码。
followup-unknown = 没有找到这个回执码。请核对后再发一次：回执码是 20 位字母和数字，分成 5 组，像这样：ABCD-EFGH-JKMN-PQRS-TVWX。
followup-status = 📋 您 { $date } 提交的举报：{ $status ->
        [received] 已收到，等待处理
        [inProgress] 正在调查核实
        [verified] 已核实，反映的问题属实，正在依规处理
        [unfounded] 已核实，反映的问题不属实
       *[closed] 已办结
    }
followup-no-reply = 处理人员还没有回复。
followup-from-handler = 💬 处理人员（{ $date }）：{ $text }
followup-from-tipster = ✍️ 您的补充（{ $date }）：{ $text }
followup-files = （附 { $count } 个文件）
followup-add-hint = 有新情况，可以点下面的「补充情况」。
followup-add = ✍️ 补充情况
followup-ask-addition = 请发送要补充的内容：文字、照片、视频或文件都可以。发 /cancel 取消。
followup-need-content = 请发文字、照片、视频或文件。
followup-busy = 您正在补充情况。要放弃请发 /cancel。
followup-added = ✅ 已补充，处理人员会看到。以后还可以凭回执码查看进展。
followup-cancelled = 已取消，没有补充任何内容。

## 通知
flag-raised =
    🔔 新预警 §{ $clause }（{ $situation }）
    { $name }（{ $village }），{ $date }
    请听取本人陈述后，在管理端确认或说明理由撤销。预警只是提示，不是结论。

## 登录管理端
login-link = 🔑 登录链接（{ $minutes } 分钟内有效，只能用一次，请勿转发）：
    { $link }
login-not-supervisor = 这个命令只对绑定了机器人的管理人员开放。
login-unavailable = 管理端地址还没有配置，暂时不能用链接登录。
deadline-ahead-notice =
    ⏰ 期限提醒：{ $name }（§{ $situation }）的「{ $step }」将于 { $due } 到期，还有 { $left } 个工作日（{ $clause }）{ $provisional }。
deadline-overdue-notice =
    ⚠️ 已超期：{ $name }（§{ $situation }）的「{ $step }」已于 { $due } 到期，超期 { $left } 个工作日（{ $clause }）{ $provisional }。超期将按规定报上一级。

## 每日打卡提醒（web/jobs/check-in-reminder.ts）
checkin-reminder = 📍 今天（{ $date }）您还没有打卡。在村的话，点下面的「📍 打卡」按钮发送位置就行，一次即可。今天不在村可以忽略这条提醒。

## 逾期上报（web/jobs/deadlines.ts）
deadline-escalated =
    🔺 逾期上报（§4.2）：{ $name }（{ $village }，§{ $situation }）的「{ $step }」应由{ $owner }在 { $due } 前完成（{ $clause }），已超期 { $overdue } 个工作日。
    按规定报上一级（{ $level }）督办，详情见管理端。
escalation-owner-dispatchingUnit = 派出单位{ $unit }
escalation-owner-sameLevelDepartment = 同级组织部门
escalation-owner-provincialWorkCommittees = 省直有关工（党）委
escalation-level-county = 县委组织部
escalation-level-city = 市（州）委组织部
escalation-level-province = 省委组织部

## 述职述评与年度考核提醒（web/jobs/review-reminders.ts）
review-reminder-half-year = 📋 { $year } 年上半年述职述评：您范围内还有 { $count } 名驻村干部没有记录评定等次：
review-reminder-annual = 📋 { $year } 年度考核：您范围内还有 { $count } 名驻村干部没有记录考核等次：
review-reminder-line = · { $name }（{ $village }）
review-reminder-more = ……另有 { $count } 人未列出。

## 驻村保障年度检查（web/jobs/support-check.ts）
support-check-unit = 🩺 { $year } 年驻村保障检查（§4.6）：贵单位选派的驻村干部中有 { $count } 人的保障还没有落实，请在年底前补上：
support-check-line = · { $name }（{ $village }）：{ $gaps }
support-check-separator = ；
support-check-more = ……另有 { $count } 人未列出。
support-gap-training = 学习培训（没有记录）
support-gap-mealLodgingSubsidy = 食宿补助（没有记录）
support-gap-transport = 交通费用（没有记录）
support-gap-physicalExam = 年度体检（{ $actual }/{ $required } 次）
support-gap-accidentInsurance = 人身意外伤害保险（保额不低于 { $required } 元、覆盖全年驻村期间）
support-gap-workFunds = 驻村工作经费（{ $actual } 元，应不低于 { $required } 元）
